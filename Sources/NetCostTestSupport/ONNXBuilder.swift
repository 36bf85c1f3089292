// netcost — Apache-2.0
//
// Writes small ONNX models byte by byte (protobuf wire format, field
// numbers from onnx.proto), so error paths can be tested on models built
// for the purpose without any ONNX tooling.

/// Protobuf wire encoding.
public enum PB {
  public static func varint(_ v: UInt64) -> [UInt8] {
    var v = v
    var out: [UInt8] = []
    repeat {
      var b = UInt8(v & 0x7F)
      v >>= 7
      if v != 0 { b |= 0x80 }
      out.append(b)
    } while v != 0
    return out
  }

  public static func tag(_ field: Int, _ wire: Int) -> [UInt8] { varint(UInt64(field << 3 | wire)) }
  public static func int(_ field: Int, _ v: Int) -> [UInt8] { tag(field, 0) + varint(UInt64(bitPattern: Int64(v))) }
  public static func bytes(_ field: Int, _ b: [UInt8]) -> [UInt8] { tag(field, 2) + varint(UInt64(b.count)) + b }
  public static func string(_ field: Int, _ s: String) -> [UInt8] { bytes(field, Array(s.utf8)) }
  public static func float(_ field: Int, _ f: Float) -> [UInt8] {
    let bits = f.bitPattern
    return tag(field, 5) + [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
  }
}

/// ONNX messages.
public enum ONNX {
  public enum Dim {
    case value(Int)
    case param(String)
  }

  public static let float = 1, int64 = 7

  /// A TensorProto. With `int64s` the values are stored (packed int64_data);
  /// otherwise only dims and type, as a weight whose payload is elsewhere.
  public static func tensor(
    _ name: String, _ dims: [Int], type: Int = float, int64s: [Int]? = nil, floats: [Float]? = nil
  )
    -> [UInt8]
  {
    var m: [UInt8] = []
    for d in dims { m += PB.int(1, d) }
    m += PB.int(2, type)
    if let floats {
      m += PB.bytes(
        4,
        floats.flatMap { f -> [UInt8] in
          let b = f.bitPattern
          return [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        })
    }
    if let int64s { m += PB.bytes(7, int64s.flatMap { PB.varint(UInt64(bitPattern: Int64($0))) }) }
    m += PB.string(8, name)
    return m
  }

  /// A ValueInfoProto of a tensor.
  public static func value(_ name: String, _ dims: [Dim], type: Int = float) -> [UInt8] {
    var shape: [UInt8] = []
    for d in dims {
      switch d {
      case .value(let v): shape += PB.bytes(1, PB.int(1, v))
      case .param(let p): shape += PB.bytes(1, PB.string(2, p))
      }
    }
    let tensorType = PB.int(1, type) + PB.bytes(2, shape)
    return PB.string(1, name) + PB.bytes(2, PB.bytes(1, tensorType))
  }

  public enum Attr {
    case int(String, Int)
    case ints(String, [Int])
    case float(String, Float)
    case string(String, String)
    case tensor(String, [UInt8])
  }

  public static func attribute(_ a: Attr) -> [UInt8] {
    switch a {
    case .int(let n, let v): return PB.string(1, n) + PB.int(3, v) + PB.int(20, 2)
    case .ints(let n, let v): return PB.string(1, n) + v.flatMap { PB.int(8, $0) } + PB.int(20, 7)
    case .float(let n, let v): return PB.string(1, n) + PB.float(2, v) + PB.int(20, 1)
    case .string(let n, let v): return PB.string(1, n) + PB.string(4, v) + PB.int(20, 3)
    case .tensor(let n, let t): return PB.string(1, n) + PB.bytes(5, t) + PB.int(20, 4)
    }
  }

  public static func node(
    _ op: String, _ inputs: [String], _ outputs: [String], name: String, _ attrs: [Attr] = [], domain: String? = nil
  ) -> [UInt8] {
    var m: [UInt8] = []
    for i in inputs { m += PB.string(1, i) }
    for o in outputs { m += PB.string(2, o) }
    m += PB.string(3, name) + PB.string(4, op)
    for a in attrs { m += PB.bytes(5, attribute(a)) }
    if let domain { m += PB.string(7, domain) }
    return m
  }

  public static func model(
    nodes: [[UInt8]], initializers: [[UInt8]] = [], inputs: [[UInt8]], outputs: [[UInt8]] = [],
    valueInfo: [[UInt8]] = [], opset: Int = 17
  ) -> [UInt8] {
    var g: [UInt8] = []
    for n in nodes { g += PB.bytes(1, n) }
    g += PB.string(2, "test")
    for t in initializers { g += PB.bytes(5, t) }
    for i in inputs { g += PB.bytes(11, i) }
    for o in outputs { g += PB.bytes(12, o) }
    for v in valueInfo { g += PB.bytes(13, v) }
    return PB.int(1, 8) + PB.string(2, "netcost-tests") + PB.bytes(7, g) + PB.bytes(8, PB.int(2, opset))
  }

  /// x (1×3×8×8) → Conv 4×3×3×3 (pad 1) → Relu → y.
  public static let tinyConv: [UInt8] = model(
    nodes: [
      node(
        "Conv", ["x", "W", "B"], ["c"], name: "conv", [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]),
      node("Relu", ["c"], ["y"], name: "relu"),
    ],
    initializers: [tensor("W", [4, 3, 3, 3]), tensor("B", [4])],
    inputs: [value("x", [.value(1), .value(3), .value(8), .value(8)])],
    outputs: [value("y", [.value(1), .value(4), .value(8), .value(8)])])
}
