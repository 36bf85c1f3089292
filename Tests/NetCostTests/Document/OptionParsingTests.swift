// netcost — Apache-2.0

import NetCost
import Testing

@Suite("Command-line values parsed by the library")
struct OptionParsingTests {
  @Test("--tolerance: a percentage, as a fraction")
  func tolerance() throws {
    #expect(try Tolerance.parse("2%") == Rational(1, 50)!)
    #expect(try Tolerance.parse("0.5%") == Rational(1, 200)!)
    #expect(try Tolerance.parse("2") == Rational(1, 50)!)
    #expect(try Tolerance.parse("0%") == .zero)
    #expect(try Tolerance.parse("0") == .zero)
    for bad in ["abc", "-1%", "%", "", "0.02", "0.5"] {
      #expect(throws: OptionValueError.self) { try Tolerance.parse(bad) }
    }
    do {
      _ = try Tolerance.parse("x")
    } catch {
      #expect(error.message == "--tolerance 'x': expected a percentage such as 2% or 0.5%")
    }
    // 0.02 could mean 2% (a fraction) or 0.02%: refused, naming both readings.
    do {
      _ = try Tolerance.parse("0.02")
    } catch {
      #expect(error.message.contains("write 2% for the fraction 0.02, or 0.02%"))
    }
  }

  @Test("--columns: known names in order; empty lists and unknown names name the known columns")
  func columns() throws {
    #expect(try Comparison.Column.parseList("model,params,rf") == [.model, .params, .rf])
    do {
      _ = try Comparison.Column.parseList(" , ")
      Issue.record("an empty list parsed")
    } catch {
      #expect(error.message.hasPrefix("--columns: expected column names") && error.message.contains("peak"))
    }
    do {
      _ = try Comparison.Column.parseList("model,bogus")
      Issue.record("an unknown column parsed")
    } catch {
      #expect(error.message.hasPrefix("--columns: unknown column 'bogus'"))
    }
  }

  @Test("rf --at: the input box one output position sees, and the misuses")
  func regionQuery() throws {
    // Two 3×3 convs, stride 1, no padding, on an 8×8 image: output (0,0) sees rows and columns 0…4.
    let r = try analyze(
      spec(
        input: [1, 8, 8],
        #"{"name": "a", "type": "conv2d", "out": 1, "kernel": 3}, {"name": "b", "type": "conv2d", "out": 1, "kernel": 3}"#
      ))
    #expect(
      try r.describeRegion(at: "0,0", layer: nil)
        == "Output 0,0 of 'b' sees input rows 0…4, columns 0…4 (5×5 pixels of the 8×8 image)\n")
    #expect(throws: OptionValueError("--layer: no layer named 'zzz'")) { try r.describeRegion(at: "0,0", layer: "zzz") }
    #expect(throws: OptionValueError.self) { try r.describeRegion(at: "x", layer: nil) }
    // b's output is 4×4: row 4 does not exist.
    #expect(throws: OptionValueError.self) { try r.describeRegion(at: "4,0", layer: "b") }
    // A misspelt layer gets a suggestion; the axis out of range is named, not numbered.
    #expect(throws: OptionValueError("--layer: no layer named 'bb' (did you mean 'b'?)")) {
      try r.describeRegion(at: "0,0", layer: "bb")
    }
    #expect(
      throws: OptionValueError(
        "position 0,4 is outside layer 'b' (output 1×1×4×4; W has 4 positions, 0…3)")
    ) { try r.describeRegion(at: "0,4", layer: "b") }
  }
}
