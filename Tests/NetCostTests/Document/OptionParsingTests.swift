// netcost — Apache-2.0

import NetCost
import Testing

@Suite("Command-line values parsed by the library")
struct OptionParsingTests {
  @Test("--tolerance: a percentage, as a fraction")
  func tolerance() throws {
    #expect(try Tolerance.parse("2%") == Rational(1, 50)!)
    #expect(try Tolerance.parse("0.5") == Rational(1, 200)!)
    #expect(try Tolerance.parse("0%") == .zero)
    for bad in ["abc", "-1%", "%", ""] {
      #expect(throws: OptionValueError.self) { try Tolerance.parse(bad) }
    }
    do {
      _ = try Tolerance.parse("x")
    } catch {
      #expect(error.message == "--tolerance 'x': expected a percentage such as 2% or 0.5%")
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
    #expect(throws: OptionValueError("no layer named 'z'")) { try r.describeRegion(at: "0,0", layer: "z") }
    #expect(throws: OptionValueError.self) { try r.describeRegion(at: "x", layer: nil) }
    // b's output is 4×4: row 4 does not exist.
    #expect(throws: OptionValueError.self) { try r.describeRegion(at: "4,0", layer: "b") }
  }
}
