// netcost — Apache-2.0
//
// A format defined, registered and read from this one file: the importer
// interface is all a new format needs.

import Foundation
import NetCost
import NetCostTestSupport
import Testing

/// "toy" files: a `toy C H W` header line, then one layer per line:
/// `conv OUT K` (stride 1, same padding) or `relu`.
struct ToyImporter: ModelImporter {
  var format: InputFormat { "toy" }
  var displayName: String { "toy layer lists" }
  var fileExtensions: [String] { ["toy"] }

  func sniff(_ probe: FileProbe) -> SniffConfidence {
    if probe.text?.hasPrefix("toy ") == true { return .likely }
    return probe.fileExtension == "toy" ? .extensionOnly : .no
  }

  func load(file: String, options: ImportOptions) throws(NetCostError) -> Graph {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw .unreadable(file: file, reason: "not UTF-8 text")
    }
    var lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let header = lines.removeFirst()
    let dims = header.dropFirst().compactMap { Int($0) }
    let input = GraphInput(name: "image", dims: dims, location: SourceLocation(file: file, line: 1, column: 1))
    var layers: [Layer] = []
    for (i, words) in lines.enumerated() {
      let loc = SourceLocation(file: file, line: i + 2, column: 1)
      let from: TensorRef = layers.isEmpty ? .input(0) : .output(layer: layers.count - 1, index: 0)
      let fields: [String: JSONValue]
      switch words.first {
      case "conv": fields = ["out": .int(Int(words[1])!), "kernel": .int(Int(words[2])!), "pad": .string("same")]
      case "relu": fields = [:]
      default: throw .invalidSpec(loc, layer: nil, message: "unknown toy layer '\(words.first ?? "")'")
      }
      let op: any Operator
      do {
        op = try OperatorRegistry.type(for: words[0])!.init(
          kind: words[0], attributes: Attributes(fields, layer: "l\(i)"))
      } catch {
        throw .invalidSpec(loc, layer: "l\(i)", message: "\(error)")
      }
      layers.append(Layer(name: "l\(i)", kind: words[0], op: op, inputs: [from], location: loc))
    }
    return try Graph(name: "toy", inputs: [input], layers: layers)
  }
}

@Suite("a format added from outside netcost")
struct ToyFormatTests {
  @Test("registered at run time, detected by content and read by NetCost.analyze(file:)")
  func toyFormatReads() throws {
    ImporterRegistry.shared.register(ToyImporter())
    let dir = try temporaryFolder("netcost-toy")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("net.txt")
    try "toy 3 8 8\nconv 4 3\nrelu\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(try NetCost.detectFormat(file: file.path) == "toy")
    let r = try NetCost.analyze(file: file.path)
    #expect(r.layers.map(\.type) == ["conv", "relu"])
    // 3×3 conv, 3 → 4 channels, with bias: 4·3·9 + 4 parameters; 8×8 outputs of 27 MACs each.
    #expect(r.totals.params == 4 * 3 * 9 + 4)
    #expect(r.totals.macs == 4 * 8 * 8 * 27)
  }
}
