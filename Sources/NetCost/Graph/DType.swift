// netcost — Apache-2.0

/// The element type of a tensor, which sets how many bytes it occupies.
public enum DType: String, CaseIterable, Sendable, Codable {
  /// IEEE 754 single precision, 4 bytes.
  case float32
  /// IEEE 754 half precision, 2 bytes.
  case float16
  /// bfloat16, 2 bytes.
  case bfloat16
  /// 8-bit integer (quantized weights or activations), 1 byte.
  case int8
  /// 32-bit integer (token ids), 4 bytes.
  case int32
  /// 64-bit integer (token ids as PyTorch and ONNX give them), 8 bytes.
  case int64

  /// The types weights can be stored in (the per-dtype weight figures).
  public static let weightTypes: [DType] = [.float32, .float16, .bfloat16, .int8]

  /// Whether the type holds real numbers (activations and weights), not ids.
  public var isFloatingPoint: Bool { self == .float32 || self == .float16 || self == .bfloat16 }

  /// Bytes per element.
  public var bytes: Int {
    switch self {
    case .float32: return 4
    case .float16, .bfloat16: return 2
    case .int8: return 1
    case .int32: return 4
    case .int64: return 8
    }
  }

  /// The short name used in reports: fp32, fp16, bf16, int8.
  public var shortName: String {
    switch self {
    case .float32: return "fp32"
    case .float16: return "fp16"
    case .bfloat16: return "bf16"
    case .int8: return "int8"
    case .int32: return "int32"
    case .int64: return "int64"
    }
  }

  /// Parses the spellings users write: float32/fp32/f32, float16/fp16/half,
  /// bfloat16/bf16, int8/i8.
  public init?(spelling: String) {
    switch spelling.lowercased() {
    case "float32", "fp32", "f32", "float": self = .float32
    case "float16", "fp16", "f16", "half": self = .float16
    case "bfloat16", "bf16": self = .bfloat16
    case "int8", "i8", "qint8": self = .int8
    case "int32", "i32": self = .int32
    case "int64", "i64", "long": self = .int64
    default: return nil
    }
  }
}
