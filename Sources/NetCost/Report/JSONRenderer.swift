// netcost — Apache-2.0

/// Writes a report as JSON with a fixed key order and exact integers.
///
/// This is a stable interface for CI tools; keys are only ever added.
/// `schema_version` changes if a key's meaning changes.
public enum JSONRenderer {
  /// The version of the JSON layout.
  public static let schemaVersion = 1

  /// The JSON text, ending in a newline.
  public static func render(_ r: Report) -> String {
    let w = JSONWriter()
    w.out.reserveCapacity(256 + r.layers.count * 256)
    w.object {
      w.key("schema_version"); w.int(schemaVersion)
      w.key("model"); w.string(r.model)
      w.key("file"); if let f = r.file { w.string(f) } else { w.null() }
      w.key("batch"); w.int(r.batch)
      w.key("dtype"); w.string(r.dtype.rawValue)
      w.key("flop_convention"); w.string(r.flopConvention.rawValue)
      w.key("inputs")
      w.array(r.inputs) { i in
        w.object {
          w.key("name"); w.string(i.name)
          w.key("shape"); w.ints(i.shape.dims)
          w.key("dtype"); w.string(i.dtype.rawValue)
        }
      }
      w.key("totals")
      w.object {
        let t = r.totals
        w.key("params"); w.int(t.params)
        w.key("buffers"); w.int(t.buffers)
        w.key("macs"); w.int(t.macs)
        w.key("flops"); w.int(t.flops)
        w.key("weight_bytes"); w.int(t.weightBytes)
        w.key("weight_bytes_by_dtype")
        w.object { for d in DType.allCases { w.key(d.shortName); w.int(t.weightBytesByDType[d] ?? 0) } }
        w.key("activation_bytes"); w.int(t.activationBytes)
        w.key("input_bytes"); w.int(t.inputBytes)
        w.key("peak_activation_bytes"); w.int(t.peakActivationBytes)
        w.key("peak_layer"); if let p = t.peakLayer { w.string(p) } else { w.null() }
        w.key("training")
        w.object {
          w.key("total_bytes"); w.int(t.training.totalBytes)
          w.key("weight_bytes"); w.int(t.training.weightBytes)
          w.key("gradient_bytes"); w.int(t.training.gradientBytes)
          w.key("optimizer_bytes"); w.int(t.training.optimizerBytes)
          w.key("activation_bytes"); w.int(t.training.activationBytes)
          w.key("optimizer"); w.string(t.training.optimizer.rawValue)
          w.key("assumptions"); w.string(TrainingEstimate.assumptions)
        }
      }
      w.key("zero_cost_ops"); w.tally(r.zeroCostOps)
      w.key("uncounted_ops"); w.tally(r.uncountedOps)
      w.key("layers")
      w.array(r.layers) { l in
        w.object {
          w.key("name"); w.string(l.name)
          w.key("type"); w.string(l.type)
          w.key("inputs"); w.array(l.inputs) { w.string($0) }
          w.key("output_shape"); w.ints(l.outputShapes[0].dims)
          if l.outputShapes.count > 1 { w.key("output_shapes"); w.array(l.outputShapes) { w.ints($0.dims) } }
          w.key("params"); w.int(l.cost.params)
          w.key("buffers"); w.int(l.cost.buffers)
          w.key("macs"); w.int(l.cost.macs)
          w.key("flops"); w.int(l.cost.flops)
          w.key("activation_bytes"); w.int(l.activationBytes)
          w.key("cost"); w.string(l.costKind.rawValue)
        }
      }
    }
    w.out += "\n"
    return w.out
  }
}

/// A minimal streaming JSON writer (Foundation's encoder is slow and
/// reorders keys).
final class JSONWriter {
  var out = ""
  private var needComma = [false]

  private func sep() {
    if needComma[needComma.count - 1] { out += "," }
    needComma[needComma.count - 1] = true
  }

  func key(_ k: String) {
    sep()
    appendString(k)
    out += ":"
    needComma[needComma.count - 1] = false
  }

  private func valueStart() { sep() }

  func object(_ body: () -> Void) {
    valueStart()
    out += "{"
    needComma.append(false)
    body()
    needComma.removeLast()
    out += "}"
    needComma[needComma.count - 1] = true
  }

  func array<S: Sequence>(_ items: S, _ each: (S.Element) -> Void) {
    valueStart()
    out += "["
    needComma.append(false)
    for i in items { each(i) }
    needComma.removeLast()
    out += "]"
    needComma[needComma.count - 1] = true
  }

  func ints(_ v: [Int]) {
    valueStart()
    out += "["
    for (i, x) in v.enumerated() {
      if i > 0 { out += "," }
      out += String(x)
    }
    out += "]"
  }

  func int(_ v: Int) { valueStart(); out += String(v) }
  func double(_ v: Double) { valueStart(); out += v.isFinite ? String(v) : "null" }
  func null() { valueStart(); out += "null" }
  func bool(_ v: Bool) { valueStart(); out += v ? "true" : "false" }
  func string(_ s: String) { valueStart(); appendString(s) }

  func tally(_ t: [(type: String, count: Int)]) {
    object { for (k, v) in t { key(k); int(v) } }
  }

  private func appendString(_ s: String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    out += "\""
  }
}
