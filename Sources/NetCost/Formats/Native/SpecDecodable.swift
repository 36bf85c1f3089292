// netcost — Apache-2.0

/// An op that a native spec can name: its `type` names and how it reads its
/// fields from a layer object.
///
/// This is the native format's decoder for the op, kept apart from
/// ``Operator`` so that other importers build ops from their typed
/// initializers and never assemble JSON. A conforming op reads its fields
/// through ``Attributes`` (which explains a bad field and suggests a
/// correction for a misspelled one) and then calls its memberwise
/// initializer.
public protocol SpecDecodable: Operator {
  /// The spec's `type` names for this op; the first is the canonical one.
  static var kinds: [String] { get }
  /// Reads the op's fields. `kind` is the (lowercased) name the spec used.
  init(kind: String, attributes: Attributes) throws
}
