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
    var w = JSONWriter()
    w.reserve(512 + r.layers.count * 320)
    w.beginObject()
    w.key("schema_version")
    w.int(schemaVersion)
    w.key("model")
    w.string(r.model)
    w.key("file")
    if let f = r.file { w.string(f) } else { w.null() }
    w.key("batch")
    w.int(r.batch)
    w.key("dtype")
    w.string(r.dtype.rawValue)
    w.key("flop_convention")
    w.string(r.flopConvention.rawValue)
    w.key("inputs")
    w.beginArray()
    for i in r.inputs {
      w.beginObject()
      w.key("name")
      w.string(i.name)
      w.key("shape")
      w.ints(i.shape.dims)
      w.key("dtype")
      w.string(i.dtype.rawValue)
      w.endObject()
    }
    w.endArray()
    let t = r.totals
    w.key("totals")
    w.beginObject()
    w.key("params")
    w.int(t.params)
    w.key("buffers")
    w.int(t.buffers)
    w.key("macs")
    w.int(t.macs)
    w.key("flops")
    w.int(t.flops)
    w.key("weight_bytes")
    w.int(t.weightBytes)
    w.key("weight_bytes_by_dtype")
    w.beginObject()
    for d in DType.weightTypes {
      w.key(d.shortName)
      w.int(t.weightBytesByDType[d] ?? 0)
    }
    w.endObject()
    w.key("activation_bytes")
    w.int(t.activationBytes)
    w.key("input_bytes")
    w.int(t.inputBytes)
    w.key("peak_activation_bytes")
    w.int(t.peakActivationBytes)
    w.key("peak_layer")
    if let p = t.peakLayer { w.string(p) } else { w.null() }
    w.key("training")
    w.beginObject()
    w.key("total_bytes")
    w.int(t.training.totalBytes)
    w.key("weight_bytes")
    w.int(t.training.weightBytes)
    w.key("gradient_bytes")
    w.int(t.training.gradientBytes)
    w.key("optimizer_bytes")
    w.int(t.training.optimizerBytes)
    w.key("activation_bytes")
    w.int(t.training.activationBytes)
    w.key("optimizer")
    w.string(t.training.optimizer.rawValue)
    w.key("assumptions")
    w.string(TrainingEstimate.assumptions)
    w.endObject()
    if let llm = t.llm {
      w.key("llm")
      llm.write(into: &w)
    }
    w.key("rf")
    w.beginObject()
    for o in r.outputLayers {
      w.key(o.name)
      w.field(o.receptiveField)
    }
    w.endObject()
    w.endObject()
    w.key("zero_cost_ops")
    w.tally(r.zeroCostOps)
    w.key("uncounted_ops")
    w.tally(r.uncountedOps)
    w.key("warnings")
    w.findings(r.findings)
    w.key("layers")
    w.beginArray()
    for l in r.layers {
      w.beginObject()
      w.key("name")
      w.string(l.name)
      w.key("type")
      w.string(l.type)
      w.key("inputs")
      w.beginArray()
      for i in l.inputs { w.string(i) }
      w.endArray()
      w.key("output_shape")
      w.ints(l.outputShapes[0].dims)
      if l.outputShapes.count > 1 {
        w.key("output_shapes")
        w.beginArray()
        for s in l.outputShapes { w.ints(s.dims) }
        w.endArray()
      }
      w.key("params")
      w.int(l.cost.params)
      w.key("buffers")
      w.int(l.cost.buffers)
      w.key("macs")
      w.int(l.cost.macs)
      w.key("flops")
      w.int(l.cost.flops)
      w.key("activation_bytes")
      w.int(l.activationBytes)
      w.key("cost")
      w.string(l.costKind.rawValue)
      w.key("rf")
      w.field(l.receptiveField)
      if let n = l.note {
        w.key("note")
        w.string(n)
      }
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.newline()
    return w.out
  }
}

/// A minimal streaming JSON writer into a byte buffer (Foundation's
/// encoder is slow and reorders keys). Strings without characters to escape
/// are copied whole; integers are formatted without allocating.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  private var needComma: [Bool] = [false]

  var out: String { String(decoding: bytes, as: UTF8.self) }

  mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

  mutating func sep() {
    if needComma[needComma.count - 1] { bytes.append(0x2C) }
    needComma[needComma.count - 1] = true
  }

  mutating func key(_ k: String) {
    sep()
    appendString(k)
    bytes.append(0x3A)
    needComma[needComma.count - 1] = false
  }

  mutating func beginObject() { open(0x7B) }
  mutating func endObject() { close(0x7D) }
  mutating func beginArray() { open(0x5B) }
  mutating func endArray() { close(0x5D) }

  private mutating func open(_ bracket: UInt8) {
    sep()
    bytes.append(bracket)
    needComma.append(false)
  }

  private mutating func close(_ bracket: UInt8) {
    needComma.removeLast()
    bytes.append(bracket)
  }

  mutating func ints(_ v: [Int]) {
    sep()
    bytes.append(0x5B)
    for (i, x) in v.enumerated() {
      if i > 0 { bytes.append(0x2C) }
      appendInt(x)
    }
    bytes.append(0x5D)
  }

  mutating func int(_ v: Int) {
    sep()
    appendInt(v)
  }
  mutating func newline() { bytes.append(0x0A) }
  mutating func null() {
    sep()
    bytes.append(contentsOf: "null".utf8)
  }
  mutating func bool(_ v: Bool) {
    sep()
    bytes.append(contentsOf: (v ? "true" : "false").utf8)
  }
  mutating func string(_ s: String) {
    sep()
    appendString(s)
  }

  /// A receptive field: `{"size": [..], "jump": [..], "center": [..],
  /// "equivalent_padding": [..]}`, `"global"`, `"unknown"`, or null.
  mutating func field(_ f: ReceptiveField) {
    switch f {
    case .none: null()
    case .global: string("global")
    case .unknown: string("unknown")
    case .spatial(let axes):
      beginObject()
      key("size")
      rationals(axes.map(\.size))
      key("jump")
      rationals(axes.map(\.jump))
      key("center")
      rationals(axes.map(\.center))
      key("equivalent_padding")
      rationals(axes.map { $0.equivalentPadding ?? .zero })
      endObject()
    }
  }

  /// Geometry warnings: `[{"kind", "layer", "location", "message"}]`.
  mutating func findings(_ list: [Finding]) {
    beginArray()
    for f in list {
      beginObject()
      key("kind")
      string(f.kind.rawValue)
      key("layer")
      string(f.layer)
      key("location")
      string(f.location.description)
      key("message")
      string(f.message)
      endObject()
    }
    endArray()
  }

  /// Exact integers as integers; fractions as decimals.
  mutating func rationals(_ v: [Rational]) {
    beginArray()
    for x in v {
      if x.isInteger {
        int(x.numerator)
      } else {
        sep()
        bytes.append(contentsOf: String(x.double).utf8)
      }
    }
    endArray()
  }

  mutating func tally(_ t: [(type: String, count: Int)]) {
    beginObject()
    for (k, v) in t {
      key(k)
      int(v)
    }
    endObject()
  }

  private mutating func appendInt(_ v: Int) {
    if v == 0 {
      bytes.append(0x30)
      return
    }
    var m = v.magnitude
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while m > 0 {
        d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
        m /= 10
        n += 1
      }
      if v < 0 { bytes.append(0x2D) }
      while n > 0 {
        n -= 1
        bytes.append(d[n])
      }
    }
  }

  private mutating func appendString(_ s: String) {
    bytes.append(0x22)
    let utf8 = s.utf8
    if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      bytes.append(contentsOf: utf8)
    } else {
      for u in utf8 {
        switch u {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case _ where u < 0x20:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(u >> 4)], hex[Int(u & 15)]])
        default: bytes.append(u)
        }
      }
    }
    bytes.append(0x22)
  }
}
