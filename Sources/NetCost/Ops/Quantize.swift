// netcost — Apache-2.0

/// Conversions between floating-point and quantized integer tensors: ONNX
/// QuantizeLinear (x / scale + zero point, rounded and saturated),
/// DequantizeLinear ((q − zero point) · scale) and DynamicQuantizeLinear
/// (computes its own scale and zero point from the tensor's range, then
/// quantizes; three outputs: the quantized tensor, the scale and the zero
/// point, each of one element).
///
/// The scales and zero points a model stores are quantization state, not
/// parameters: the importer reports them as buffers.
public struct Quantize: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "quantize 2 per element (scale, shift); dequantize 2 per element; dynamic 4 per element (min, max, scale, shift)"

  /// The conversion.
  public enum Mode: String, Sendable, Equatable, CaseIterable {
    /// Float to integer with a given scale (QuantizeLinear).
    case quantize
    /// Integer to float (DequantizeLinear).
    case dequantize
    /// Float to uint8 with a scale found from the data (DynamicQuantizeLinear).
    case dynamic
  }

  /// The conversion.
  public var mode: Mode

  /// A conversion in `mode`.
  public init(mode: Mode) { self.mode = mode }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    mode == .dynamic ? [inputs[0], Shape([1])!, Shape([1])!] : [inputs[0]]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    LayerCost(flops: try Checked.mul(mode == .dynamic ? 4 : 2, try inputs[0].elementCount(), "FLOPs"))
  }

  /// Quantized tensors are 8-bit; dequantized ones the model's float type.
  public func outputDTypes(inputs: [DType], outputs: Int, model: DType) -> [DType] {
    switch mode {
    case .quantize: return [.int8]
    case .dequantize: return [model]
    case .dynamic: return [.int8, .float32, .int8]
    }
  }
}
