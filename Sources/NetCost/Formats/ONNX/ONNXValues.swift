// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ONNX element types (TensorProto.DataType), by number.
enum ONNXType {
  static let float: Int32 = 1, uint8: Int32 = 2, int8: Int32 = 3, uint16: Int32 = 4, int16: Int32 = 5
  static let int32: Int32 = 6, int64: Int32 = 7, string: Int32 = 8, bool: Int32 = 9, float16: Int32 = 10
  static let double: Int32 = 11, uint32: Int32 = 12, uint64: Int32 = 13, bfloat16: Int32 = 16

  /// Floating-point element types: their initializers are weights.
  static func isFloat(_ t: Int32) -> Bool { t == float || t == float16 || t == double || t == bfloat16 }

  /// 8- and 4-bit integer types: the storage of quantized weights (int4 = 22, uint4 = 21).
  static func isQuantized(_ t: Int32) -> Bool { t == int8 || t == uint8 || t == 21 || t == 22 }

  /// Whether an initializer of type `t` and `rank` stores weights (counted
  /// as parameters): every 8- or 4-bit integer tensor (quantized weights, a
  /// quantized embedding table) and float tensors of rank ≥ 1; a 0-D float
  /// is a scalar constant (the dynamo exporter's ½, a scale), wider integers
  /// are index and shape tables.
  static func storesWeights(_ t: Int32, rank: Int) -> Bool { (isFloat(t) && rank > 0) || isQuantized(t) }

  /// The bytes one element of type `t` takes, for whole-byte types
  /// (complex64 = 14, complex128 = 15, the float8 types 17–20); nil for the
  /// 4-bit types, strings and unknown types.
  static func elementBytes(_ t: Int32) -> Int? {
    switch t {
    case float, int32, uint32: return 4
    case double, int64, uint64, 14: return 8
    case float16, bfloat16, int16, uint16: return 2
    case int8, uint8, bool, 17, 18, 19, 20: return 1
    case 15: return 16
    default: return nil
    }
  }

  /// The bytes `count` elements of type `t` take as stored: 4-bit types
  /// (uint4, int4, float4e2m1) pack two a byte; nil for strings, unknown
  /// types and a size past 2⁶³.
  static func storedBytes(_ t: Int32, count: Int) -> Int? {
    if t == 21 || t == 22 || t == 23 { return count / 2 &+ count % 2 }
    guard let width = elementBytes(t) else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
    return overflow ? nil : bytes
  }

  /// Integer and boolean element types.
  static func isInteger(_ t: Int32) -> Bool {
    [uint8, int8, uint16, int16, int32, int64, bool, uint32, uint64].contains(t)
  }

  /// netcost's dtype for an ONNX element type: the same, or the nearest in
  /// size (uint8 and bool as int8, uint32 as int32, uint64 as int64, double
  /// as float32: netcost has no 8-byte floats).
  static func dtype(_ t: Int32) -> DType {
    switch t {
    case float16: return .float16
    case bfloat16: return .bfloat16
    case int8, uint8, bool: return .int8
    case int32, uint32, int16, uint16: return .int32
    case int64, uint64: return .int64
    default: return .float32
    }
  }

  /// The type's name as ONNX spells it.
  static func name(_ t: Int32) -> String {
    let names = [
      1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string",
      9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64", 14: "complex64", 15: "complex128",
      16: "bfloat16",
    ]
    return names[Int(t)] ?? "type \(t)"
  }
}

/// The values of a small tensor: integers (every integer and boolean type)
/// or floating point.
enum Values: Equatable {
  case ints([Int])
  case floats([Double])

  var count: Int {
    switch self {
    case .ints(let v): return v.count
    case .floats(let v): return v.count
    }
  }

  /// Element `i` as a number.
  func double(_ i: Int) -> Double {
    switch self {
    case .ints(let v): return Double(v[i])
    case .floats(let v): return v[i]
    }
  }

  /// Element `i` as an integer (floats truncated toward zero; NaN and
  /// out-of-range values saturate instead of trapping).
  func int(_ i: Int) -> Int {
    switch self {
    case .ints(let v): return v[i]
    case .floats(let v): return Values.toInt(v[i])
    }
  }

  static func toInt(_ d: Double) -> Int {
    if d.isNaN { return 0 }
    if d >= 9.2e18 { return Int.max }
    if d <= -9.2e18 { return Int.min }
    return Int(d.rounded(.towardZero))
  }

  /// The values converted to ONNX type `t`.
  func converted(to t: Int32) -> Values {
    if ONNXType.isFloat(t) {
      switch self {
      case .ints(let v): return .floats(v.map(Double.init))
      case .floats: return self
      }
    }
    let ints: [Int]
    switch self {
    case .ints(let v): ints = v
    case .floats(let v): ints = t == ONNXType.bool ? v.map { $0 != 0 ? 1 : 0 } : v.map(Values.toInt)
    }
    return .ints(t == ONNXType.bool ? ints.map { $0 != 0 ? 1 : 0 } : ints)
  }
}

/// Where a stored tensor's payload is, to decode it when its values are needed.
enum Locator {
  /// The graph's initializer at this position.
  case initializer(Int)
  /// Attribute `attribute` (a tensor) of node `node`.
  case attribute(node: Int, attribute: Int)
  /// Attribute `attribute` (a tensor) of the NodeProto at these bytes (a node of a function or subgraph).
  case nodeAttribute(Range<Int>, attribute: Int)
}

/// An ONNX value that no layer computes: a constant, a weight, or something
/// derived from them at load time (a shape computation, a transposed
/// weight). Its shape is always known; its values when they are small and
/// computable.
struct Known {
  /// The dimensions (empty for a scalar).
  var dims: [Int]
  /// ONNX element type.
  var type: Int32
  /// The values, when known.
  var values: Values?
  /// The initializers it derives from (positions, sorted, unique).
  var sources: [Int]
  /// Where its stored payload is, when it is one stored tensor.
  var locator: Locator?

  init(dims: [Int], type: Int32, values: Values? = nil, sources: [Int] = [], locator: Locator? = nil) {
    self.dims = dims
    self.type = type
    self.values = values
    self.sources = sources
    self.locator = locator
  }

  /// A 1-D int64 constant.
  static func int64s(_ v: [Int]) -> Known { Known(dims: [v.count], type: ONNXType.int64, values: .ints(v)) }

  /// The number of elements (saturating; shapes with huge products are rejected elsewhere).
  var count: Int {
    var n = 1
    for d in dims {
      let (p, o) = n.multipliedReportingOverflow(by: d)
      n = o ? Int.max : p
    }
    return n
  }
}

/// Why a load-time computation cannot be done, in words.
struct FoldIssue: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// Decodes one stored tensor's payload into values.
enum TensorPayload {
  /// The values of a tensor read with its payload, or an issue.
  static func values(_ t: Onnx_TensorDataProto, count: Int) throws(FoldIssue) -> Values {
    let type = t.dataType
    let raw = t.rawData
    func check(_ n: Int) throws(FoldIssue) {
      guard n == count else { throw FoldIssue("has \(n) values but its dims need \(count)") }
    }
    if !raw.isEmpty || t.hasRawData {
      // Complex and float8 values are sized but not read.
      guard ![14, 15, 17, 18, 19, 20].contains(type), let width = ONNXType.elementBytes(type) else {
        throw FoldIssue("has element type \(ONNXType.name(type)), whose values netcost does not read")
      }
      guard raw.count % width == 0 else {
        throw FoldIssue("has \(raw.count) bytes of raw data, not a multiple of \(width)")
      }
      try check(raw.count / width)
      return raw.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Values in
        func u(_ i: Int, _ w: Int) -> UInt64 {
          var v: UInt64 = 0
          for k in 0..<w { v |= UInt64(b[i * w + k]) << (8 * UInt64(k)) }
          return v
        }
        let n = count
        switch type {
        case ONNXType.float: return .floats((0..<n).map { Double(Float(bitPattern: UInt32(u($0, 4)))) })
        case ONNXType.double: return .floats((0..<n).map { Double(bitPattern: u($0, 8)) })
        case ONNXType.float16: return .floats((0..<n).map { half(UInt16(u($0, 2))) })
        case ONNXType.bfloat16: return .floats((0..<n).map { Double(Float(bitPattern: UInt32(u($0, 2)) << 16)) })
        case ONNXType.int64: return .ints((0..<n).map { Int(Int64(bitPattern: u($0, 8))) })
        case ONNXType.uint64: return .ints((0..<n).map { Int(truncatingIfNeeded: u($0, 8)) })
        case ONNXType.int32: return .ints((0..<n).map { Int(Int32(bitPattern: UInt32(u($0, 4)))) })
        case ONNXType.uint32: return .ints((0..<n).map { Int(u($0, 4)) })
        case ONNXType.int16: return .ints((0..<n).map { Int(Int16(bitPattern: UInt16(u($0, 2)))) })
        case ONNXType.uint16: return .ints((0..<n).map { Int(u($0, 2)) })
        case ONNXType.int8: return .ints((0..<n).map { Int(Int8(bitPattern: UInt8(u($0, 1)))) })
        default: return .ints((0..<n).map { Int(u($0, 1)) })
        }
      }
    }
    switch type {
    case ONNXType.float:
      try check(t.floatData.count)
      return .floats(t.floatData.map(Double.init))
    case ONNXType.double:
      try check(t.doubleData.count)
      return .floats(t.doubleData)
    case ONNXType.int64:
      try check(t.int64Data.count)
      return .ints(t.int64Data.map { Int($0) })
    case ONNXType.uint32, ONNXType.uint64:
      try check(t.uint64Data.count)
      return .ints(t.uint64Data.map { Int(truncatingIfNeeded: $0) })
    case ONNXType.float16:
      try check(t.int32Data.count)
      return .floats(t.int32Data.map { half(UInt16(truncatingIfNeeded: $0)) })
    case ONNXType.bfloat16:
      try check(t.int32Data.count)
      return .floats(t.int32Data.map { Double(Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: $0)) << 16)) })
    case ONNXType.int32, ONNXType.int16, ONNXType.int8, ONNXType.uint16, ONNXType.uint8, ONNXType.bool:
      try check(t.int32Data.count)
      return .ints(t.int32Data.map { Int($0) })
    default:
      throw FoldIssue("has element type \(ONNXType.name(type)), whose values netcost does not read")
    }
  }

  /// IEEE half precision to double.
  static func half(_ h: UInt16) -> Double {
    let sign: Double = h & 0x8000 != 0 ? -1 : 1
    let exp = Int((h >> 10) & 0x1F)
    let frac = Double(h & 0x3FF)
    if exp == 0 { return sign * frac * pow(2, -24) }
    if exp == 31 { return frac == 0 ? sign * .infinity : .nan }
    return sign * (1 + frac / 1024) * pow(2, Double(exp - 15))
  }
}
