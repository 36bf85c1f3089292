// netcost — Apache-2.0

/// Everything that can go wrong reading or analyzing a network, as a message
/// a user understands: where (file, line, column), which layer, what was
/// expected and what was found.
///
/// The command-line tool prints ``description`` and exits with status 2.
public enum NetCostError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read (missing, unreadable, a directory).
  case unreadable(file: String, reason: String)
  /// The file is empty (or only white space and comments).
  case emptyFile(file: String)
  /// The file is not well-formed in its format (JSON syntax, protobuf wire data…).
  case malformed(SourceLocation, message: String)
  /// A structurally valid file that breaks the spec's rules: a missing or
  /// ill-typed field, an unknown op, a bad value. `layer` is nil for
  /// top-level fields.
  case invalidSpec(SourceLocation, layer: String?, message: String)
  /// A layer whose inputs cannot produce an output: mismatched shapes,
  /// channels not divisible by groups, a kernel larger than its input.
  case shape(SourceLocation, layer: String, message: String)
  /// Two layers share a name.
  case duplicateName(SourceLocation, name: String, first: SourceLocation)
  /// A layer names an input that does not exist.
  /// `insideBlock`: the name was looked up inside a block or group, where
  /// only that block's own layers and `$input…` are visible.
  case unknownInput(SourceLocation, layer: String, input: String, suggestion: String?, insideBlock: Bool = false)
  /// The layers depend on each other in a loop.
  case cycle(SourceLocation, layers: [String])
  /// A dimension or count does not fit in a 64-bit integer.
  case overflow(SourceLocation, layer: String, what: String)
  /// Several independent errors of one file (a spec's layers with
  /// different mistakes), reported together: one line each.
  indirect case several([NetCostError])

  /// The message printed to the user, starting with the location: one
  /// printable line (``PrintableText``), whatever bytes the input held.
  public var description: String {
    if case .several = self { return rawDescription }
    return PrintableText.line(rawDescription)
  }

  private var rawDescription: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read file: \(reason)"
    case .emptyFile(let file):
      return "\(file): file is empty; expected a network description"
    case .malformed(let loc, let message):
      return "\(loc): error: \(message)"
    case .invalidSpec(let loc, let layer, let message):
      if let layer { return "\(loc): error: layer '\(layer.clipped)': \(message)" }
      return "\(loc): error: \(message)"
    case .shape(let loc, let layer, let message):
      return "\(loc): error: layer '\(layer.clipped)': \(message)"
    case .duplicateName(let loc, let name, let first):
      return "\(loc): error: duplicate layer name '\(name.clipped)' (first defined at \(first))"
    case .unknownInput(let loc, let layer, let input, let suggestion, let insideBlock):
      var s = "\(loc): error: layer '\(layer.clipped)': input '\(input.clipped)' names no "
      s +=
        insideBlock
        ? "layer of this block or group (inside one, only its own layers and $input, $input1… are visible)"
        : "model input or layer"
      if let suggestion { s += " (did you mean '\(suggestion.clipped)'?)" }
      return s
    case .cycle(let loc, let layers):
      return
        "\(loc): error: layers form a cycle: \(layers.prefix(12).map(\.clipped).joined(separator: " -> "))\(layers.count > 12 ? " -> … (\(layers.count) layers)" : "")"
    case .overflow(let loc, let layer, let what):
      return "\(loc): error: layer '\(layer.clipped)': \(what) does not fit in a 64-bit integer"
    case .several(let errors):
      // Each error is made printable on its own; together they stay one
      // line, so a script reading stderr still gets one message.
      return errors.map(\.description).joined(separator: " — also: ")
    }
  }
}
