// netcost — Apache-2.0

/// A storage type for weights or the KV cache, including the quantized
/// ones a `DType` does not cover: 8-bit float and 4-bit integers with a
/// 16-bit scale per group of `groupSize` values.
public enum LLMDType: Sendable, Equatable, CustomStringConvertible {
  /// IEEE single precision, 4 bytes.
  case fp32
  /// bfloat16, 2 bytes.
  case bf16
  /// IEEE half precision, 2 bytes.
  case fp16
  /// 8-bit float (E4M3/E5M2), 1 byte; per-tensor scales not counted.
  case fp8
  /// 8-bit integer, 1 byte; per-tensor or per-channel scales not counted.
  case int8
  /// 4-bit integer, plus one 16-bit scale per `groupSize` values
  /// (4 + 16/g bits per value: 4.125 at g = 128).
  case int4(groupSize: Int)

  /// Parses fp32/float32, bf16/bfloat16, fp16/float16/half, fp8
  /// (float8_e4m3fn…), int8, int4 (group 128) or int4:g (group g).
  public init?(spelling: String) {
    let s = spelling.lowercased()
    switch s {
    case "fp32", "float32", "f32", "float": self = .fp32
    case "bf16", "bfloat16": self = .bf16
    case "fp16", "float16", "f16", "half": self = .fp16
    case "fp8", "float8", "float8_e4m3fn", "float8_e5m2", "f8": self = .fp8
    case "int8", "i8", "q8": self = .int8
    case "int4", "i4", "q4": self = .int4(groupSize: 128)
    default:
      let parts = s.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, parts[0] == "int4", let g = Int(parts[1]), g >= 1, g <= 1 << 20 else { return nil }
      self = .int4(groupSize: g)
    }
  }

  /// The spellings ``init(spelling:)`` accepts, for messages.
  public static let spellings = "fp32, bf16, fp16, fp8, int8, int4 (group 128) or int4:G"

  /// The short name: fp32, bf16, …, int4 (g128).
  public var description: String {
    switch self {
    case .fp32: return "fp32"
    case .bf16: return "bf16"
    case .fp16: return "fp16"
    case .fp8: return "fp8"
    case .int8: return "int8"
    case .int4(let g): return "int4 (g\(g))"
    }
  }

  /// The storage convention in words (the scale overhead of grouped types).
  public var convention: String {
    switch self {
    case .int4(let g): return "4 bits per value + one 16-bit scale per \(g) values (\(4 * g + 16)/\(g) bits)"
    case .fp8, .int8: return "1 byte per value (scales not counted)"
    default: return "\(bytesNumerator / bytesDenominator) bytes per value"
    }
  }

  /// Bytes per value as a fraction: numerator…
  var bytesNumerator: Int {
    switch self {
    case .fp32: return 4
    case .bf16, .fp16: return 2
    case .fp8, .int8: return 1
    case .int4(let g): return 4 * g + 16
    }
  }

  /// …and denominator.
  var bytesDenominator: Int {
    if case .int4(let g) = self { return 8 * g }
    return 1
  }

  /// Bytes of `count` values, rounded up to a whole byte.
  public func bytes(_ count: Int) throws(ArithmeticOverflow) -> Int {
    let n = try Checked.mul(count, bytesNumerator, "bytes")
    return n / bytesDenominator + (n % bytesDenominator == 0 ? 0 : 1)
  }

  /// The activation element type for weights of this type: the type
  /// itself when it is a float ``DType``, nil for the quantized ones.
  public var activationType: DType? {
    switch self {
    case .fp32: return .float32
    case .bf16: return .bfloat16
    case .fp16: return .float16
    default: return nil
    }
  }

  /// The type a config's `torch_dtype` / `dtype` names, or nil.
  public init?(configName: String) {
    switch configName.lowercased() {
    case "float32", "fp32": self = .fp32
    case "bfloat16", "bf16": self = .bf16
    case "float16", "fp16", "half": self = .fp16
    default: return nil
    }
  }
}
