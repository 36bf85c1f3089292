// netcost — Apache-2.0

/// A key/value cache: the new tokens' keys (or values, or a compressed
/// latent) N×L×D appended to `context` positions cached by earlier steps,
/// giving N×(context + L)×D for attention to read — or, with a `window`,
/// only its last `window` positions (sliding-window layers keep no more).
///
/// Zero FLOPs; the output is the cache's content, so its bytes are the
/// cache memory this layer holds (counted in the report's KV-cache figure
/// at the cache's own dtype, not as an activation).
///
/// Fields: `context` (positions already cached, ≥ 0), `window` (optional).
public struct KVCache: Operator {
  public static let arity = 1...1
  public static let flopRule = "0 (appends to a stored cache)"

  /// Positions cached by earlier steps.
  public var context: Int
  /// The most positions the cache keeps, if bounded.
  public var window: Int?

  /// A cache holding `context` earlier positions, at most `window`.
  public init(context: Int, window: Int? = nil) {
    self.context = context
    self.window = window
  }

  public var costKind: CostKind { .zeroCost }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    guard x.rank == 3 else { throw ShapeIssue("kv_cache expects N×L×features, found \(x)") }
    let (t, o) = x.dims[1].addingReportingOverflow(context)
    guard !o else { throw ShapeIssue("cache length \(context) + \(x.dims[1]) does not fit in 64 bits") }
    return [Shape([x.dims[0], window.map { min($0, t) } ?? t, x.dims[2]])!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost { .zero }
}

// MARK: - Native spec

extension KVCache: SpecDecodable {
  /// The spec's names.
  public static let kinds = ["kv_cache"]

  /// Reads the op's fields.
  public init(kind: String, attributes a: Attributes) throws {
    context = try a.int("context", default: 0, minimum: 0)
    window = a.has("window") ? try a.int("window") : nil
  }
}
