// netcost — Apache-2.0

/// Builds a ``Graph`` for an importer, one layer at a time, the same way for
/// every format.
///
/// It keeps what each importer would otherwise keep for itself:
/// - **named tensors**: a format's value names (ONNX value names, Caffe tops,
///   Keras layer outputs) and the ``TensorRef`` and ``Shape`` behind each;
/// - **unique layer names**: a repeated name gets a `#2`, `#3`… suffix and a
///   missing one becomes `OpType_k` (``uniqueName(_:opType:index:)``);
/// - **declared weights**: the tensors a file stores, counted once, at the
///   first layer that reads them, with a ``Finding/Kind/sharedWeights``
///   finding naming the others (``declareWeight(_:elements:bytes:counted:)``);
/// - **shape inference**: each added layer's output shapes come from its op
///   at once, so a mismatch is reported at the layer that causes it, in the
///   same words for every format.
///
/// Layers are appended in the order they are added and may read only
/// tensors that exist already, so an importer whose file lists nodes out of
/// order sorts them first (``TopologicalOrder``). ``build()`` makes the
/// ``Graph``, which checks every reference and the order once more.
///
/// ```swift
/// var b = GraphBuilder(name: "tiny")
/// let x = b.addInput(GraphInput(name: "x", dims: [1, 3, 32, 32], location: loc, dimsIncludeBatch: true),
///                    shape: Shape([1, 3, 32, 32])!)
/// let conv = Conv(out: 16, window: Window(kernel: .all(3), padding: .same))
/// try b.addLayer(name: b.uniqueName("conv1"), kind: "conv2d", op: conv, inputs: [x], outputs: ["y"], location: loc)
/// let graph = try b.build()
/// ```
public struct GraphBuilder: Sendable {
  /// Identifies a stored weight tensor declared with ``declareWeight(_:elements:bytes:counted:)``.
  public struct WeightID: Hashable, Comparable, Sendable {
    /// The position in declaration order.
    public let index: Int

    /// Orders weights by declaration.
    public static func < (a: WeightID, b: WeightID) -> Bool { a.index < b.index }
  }

  /// A stored weight tensor and the layers that read it.
  struct Weight: Sendable {
    var name: String
    var elements: Int
    /// Bytes as the file stores it (an int4 weight packs two elements a byte); nil when the format does not say.
    var bytes: Int?
    var counted: Bool
    var users: [Int] = []
  }

  /// The graph's name.
  public var name: String
  /// What the format calls a stored weight tensor, for the shared-weights
  /// finding ("initializer" for ONNX).
  public var weightNoun: String
  /// Warnings the importer found, reported with the graph (the shared-weights
  /// findings are added by ``build()``).
  public var notes: [Finding] = []
  /// The model inputs added so far.
  public private(set) var inputs: [GraphInput] = []
  /// The layers added so far, in the order added.
  public private(set) var layers: [Layer] = []
  /// Every named tensor, by name.
  public private(set) var names: [String: TensorRef] = [:]

  private var inputShapes: [Shape] = []
  private var outputShapes: [[Shape]] = []
  private var usedNames: Set<String> = []
  /// The last `#k` suffix given to each repeated name, so the next search starts after it.
  private var lastSuffix: [String: Int] = [:]
  private var weights: [Weight] = []

  /// Creates an empty builder for a graph called `name`.
  public init(name: String, weightNoun: String = "weight") {
    self.name = name
    self.weightNoun = weightNoun
  }

  // MARK: - Tensors

  /// The tensor called `name`, with its shape, or nil.
  public func tensor(_ name: String) -> (ref: TensorRef, shape: Shape)? {
    guard let r = names[name], let s = shape(of: r) else { return nil }
    return (r, s)
  }

  /// The shape of a tensor that exists, or nil.
  public func shape(of ref: TensorRef) -> Shape? {
    switch ref {
    case .input(let i): return inputShapes.indices.contains(i) ? inputShapes[i] : nil
    case .output(let l, let k):
      guard outputShapes.indices.contains(l), outputShapes[l].indices.contains(k) else { return nil }
      return outputShapes[l][k]
    }
  }

  /// The output shapes of the layer at position `layer`, as inferred when it was added.
  public func outputShapes(ofLayer layer: Int) -> [Shape] { outputShapes[layer] }

  /// Names the tensor `ref` (which must exist) `name`, replacing what the name meant before.
  public mutating func bind(_ name: String, to ref: TensorRef) {
    names[name] = ref
  }

  /// Forgets the name `name` (a format that rebinds a name to something that
  /// is not a tensor, such as a constant).
  public mutating func unbind(_ name: String) {
    names[name] = nil
  }

  /// Adds a model input whose full shape (batch first) is `shape`, named by
  /// the input's name.
  @discardableResult
  public mutating func addInput(_ input: GraphInput, shape: Shape) -> TensorRef {
    let ref = TensorRef.input(inputs.count)
    inputs.append(input)
    inputShapes.append(shape)
    names[input.name] = ref
    return ref
  }

  // MARK: - Layer names

  /// Whether a layer name is taken.
  public func isUsed(_ name: String) -> Bool { usedNames.contains(name) }

  /// Returns `proposed`, or `proposed#k` with the smallest k ≥ 2 not taken
  /// yet when it is, and marks the result taken.
  public mutating func uniqueName(_ proposed: String) -> String {
    var name = proposed
    if usedNames.contains(name) {
      var k = (lastSuffix[proposed] ?? 1) + 1
      while usedNames.contains("\(proposed)#\(k)") { k += 1 }
      lastSuffix[proposed] = k
      name = "\(proposed)#\(k)"
    }
    usedNames.insert(name)
    return name
  }

  /// A unique name for the node at position `index` of the file: `proposed`
  /// when it is given and not empty, otherwise `opType_index`; suffixed as
  /// ``uniqueName(_:)`` does when taken.
  public mutating func uniqueName(_ proposed: String?, opType: String, index: Int) -> String {
    let base = proposed.flatMap { $0.isEmpty ? nil : $0 } ?? "\(opType)_\(index)"
    return uniqueName(base)
  }

  // MARK: - Weights

  /// Declares a weight tensor the file stores, with `elements` elements
  /// (logical ones: an int4 weight counts each 4-bit value) taking `bytes`
  /// bytes in the file when the format says. Only `counted` ones are
  /// parameters (ONNX counts float initializers, not integer index tables).
  public mutating func declareWeight(_ name: String, elements: Int, bytes: Int? = nil, counted: Bool = true)
    -> WeightID
  {
    weights.append(Weight(name: name, elements: elements, bytes: bytes, counted: counted))
    return WeightID(index: weights.count - 1)
  }

  /// The element count of a declared weight.
  public func elements(of weight: WeightID) -> Int { weights[weight.index].elements }

  /// Records that layer `layer` reads `ids` and returns the elements of those
  /// no earlier layer read (each counted weight once).
  private mutating func claim(_ ids: [WeightID], layer: Int) -> Int {
    var total = 0
    for id in Set(ids).sorted() where weights[id.index].counted {
      if weights[id.index].users.isEmpty { total = total &+ weights[id.index].elements }
      if weights[id.index].users.last != layer { weights[id.index].users.append(layer) }
    }
    return total
  }

  /// One finding per weight that several layers read: its parameters are
  /// counted at the first.
  public func sharedWeightFindings() -> [Finding] {
    var out: [Finding] = []
    for w in weights where w.users.count > 1 {
      let first = layers[w.users[0]]
      let others =
        w.users.dropFirst().prefix(3).map { "'\(layers[$0].name)'" }.joined(separator: ", ")
        + (w.users.count > 4 ? ", …" : "")
      out.append(
        Finding(
          kind: .sharedWeights, layer: first.name, location: first.location,
          message:
            "\(weightNoun) '\(w.name)' (\(w.elements) elements) is read by \(w.users.count) layers (also \(others)); its parameters are counted once, here"
        ))
    }
    return out
  }

  // MARK: - Layers

  /// Adds a layer and infers its output shapes.
  ///
  /// - Parameters:
  ///   - name: The layer's name, unique (see ``uniqueName(_:)``).
  ///   - kind: The op's type as reports show it (`conv2d`, `relu`…).
  ///   - op: The op, built from its typed initializer.
  ///   - inputs: The tensors it reads, which must exist.
  ///   - outputs: Names for its outputs, in order; an empty name, or one past
  ///     the op's outputs, is not bound.
  ///   - weights: The stored weights it reads. Nil: the op's own parameter
  ///     rule applies. Otherwise (even empty) its parameters are the elements
  ///     of these that no earlier layer read, and ``DeclaredWeights`` wraps the op.
  ///   - buffers: Stored non-trainable tensors it reads (BatchNorm running
  ///     statistics), counted the same way; non-empty also wraps the op.
  ///   - location: Where the layer is defined.
  ///   - sourceType: The op's name in the file's format, put before shape
  ///     messages ("Conv: …"); nil for none.
  /// - Returns: The output shapes.
  /// - Throws: ``NetCostError/shape(_:layer:message:)`` when the inputs do not
  ///   fit the op (with the input's shape appended for a one-input op),
  ///   ``NetCostError/overflow(_:layer:what:)``, and
  ///   ``NetCostError/invalidSpec(_:layer:message:)`` for an input that does not exist.
  @discardableResult
  public mutating func addLayer(
    name: String, kind: String, op: any Operator, inputs: [TensorRef], outputs: [String] = [],
    weights: [WeightID]? = nil, buffers: [WeightID] = [], location: SourceLocation, sourceType: String? = nil
  ) throws(NetCostError) -> [Shape] {
    var shapes: [Shape] = []
    shapes.reserveCapacity(inputs.count)
    for r in inputs {
      guard let s = shape(of: r) else {
        throw .invalidSpec(location, layer: name, message: "reads \(r), which does not exist yet")
      }
      shapes.append(s)
    }
    let outs: [Shape]
    do {
      outs = try op.outputShapes(shapes)
    } catch let issue as ShapeIssue {
      let message = shapes.count == 1 ? "\(issue.message) (input \(shapes[0]))" : issue.message
      throw .shape(location, layer: name, message: sourceType.map { "\($0): \(message)" } ?? message)
    } catch let o as ArithmeticOverflow {
      throw .overflow(location, layer: name, what: o.what)
    } catch let e as NetCostError {
      throw e
    } catch {
      throw .shape(location, layer: name, message: "\(error)")
    }
    let index = layers.count
    var layerOp = op
    if weights != nil || !buffers.isEmpty {
      let params = claim(weights ?? [], layer: index)
      let stored = claim(buffers, layer: index)
      layerOp = DeclaredWeights(op: op, params: params, buffers: stored)
    }
    layers.append(Layer(name: name, kind: kind, op: layerOp, inputs: inputs, location: location))
    outputShapes.append(outs)
    for (k, n) in outputs.enumerated() where !n.isEmpty && k < outs.count {
      names[n] = .output(layer: index, index: k)
    }
    return outs
  }

  // MARK: - The graph

  /// The graph: the inputs, the layers in order, and the notes followed by
  /// the shared-weights findings.
  ///
  /// - Throws: What ``Graph/init(name:inputs:layers:)`` throws.
  public func build() throws(NetCostError) -> Graph {
    var graph = try Graph(name: name, inputs: inputs, layers: layers)
    graph.notes = notes + sharedWeightFindings()
    graph.storedWeights = storedWeights()
    return graph
  }

  /// The counted weights the file stores, read or not (an `If` branch
  /// that is never taken still takes its bytes), when every one has a
  /// stored size and the sums fit in 64 bits.
  private func storedWeights() -> StoredWeights? {
    var elements = 0
    var bytes = 0
    for w in weights where w.counted {
      guard let b = w.bytes else { return nil }
      guard let e = try? Checked.add(elements, w.elements), let s = try? Checked.add(bytes, b) else { return nil }
      (elements, bytes) = (e, s)
    }
    guard elements > 0 else { return nil }
    return StoredWeights(elements: elements, bytes: bytes)
  }
}
