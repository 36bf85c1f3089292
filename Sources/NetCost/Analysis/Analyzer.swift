// netcost — Apache-2.0

/// Runs shape inference and every cost rule over a graph and collects the
/// per-layer rows and totals of a ``Report``.
public enum Analyzer {
  /// Analyzes `graph`.
  ///
  /// - Throws: ``NetCostError/shape(_:layer:message:)`` when a layer cannot
  ///   take its inputs, ``NetCostError/overflow(_:layer:what:)`` when a count
  ///   exceeds 64 bits.
  public static func analyze(_ graph: Graph, options: AnalysisOptions = .init(), file: String? = nil)
    throws(NetCostError) -> Report
  {
    let inputShapes = try inferInputs(graph, batch: options.batch)
    // A format that fixed the whole input shape (ONNX) also fixed the batch.
    let batch = graph.inputs.first.flatMap { $0.dimsIncludeBatch ? inputShapes[0].dims[0] : nil } ?? options.batch
    var outputs: [[Shape]] = []
    outputs.reserveCapacity(graph.layers.count)
    var fields: [ReceptiveField] = []
    fields.reserveCapacity(graph.layers.count)
    let inputFields: [ReceptiveField] = zip(graph.inputs, inputShapes).map { input, s in
      s.rank >= 3 && !input.isSequence ? .spatial(Array(repeating: .pixel, count: s.rank - 2)) : .none
    }
    var rows: [LayerReport] = []
    rows.reserveCapacity(graph.layers.count)
    let dtype = graph.modelDType
    // Every tensor carries its own element type: inputs as declared, layer
    // outputs by their op's rule.
    var categories: [ObjectIdentifier: OpCategory] = [:]
    var wrappers: [ObjectIdentifier: Bool] = [:]
    var dtypes: [[DType]] = []
    dtypes.reserveCapacity(graph.layers.count)
    func dtypeOf(_ r: TensorRef) -> DType {
      switch r {
      case .input(let i): return graph.inputs[i].dtype
      case .output(let l, let k): return k < dtypes[l].count ? dtypes[l][k] : dtype
      }
    }

    func shape(of r: TensorRef, for li: Int) throws(NetCostError) -> Shape {
      switch r {
      case .input(let i): return inputShapes[i]
      case .output(let l, let k):
        guard k < outputs[l].count else {
          throw .invalidSpec(
            graph.layers[li].location, layer: graph.layers[li].name,
            message:
              "input '\(graph.layers[l].name):\(k)' does not exist: '\(graph.layers[l].name)' has \(outputs[l].count) output(s)"
          )
        }
        return outputs[l][k]
      }
    }

    var shapeLists = Interner<[Shape]>()
    var dtypeLists = Interner<[DType]>()
    let inputLists = inputShapes.map { [$0] }
    let inputTypeLists = graph.inputs.map { [$0.dtype] }

    // Layers are read in place (graph.layers[li].name), never copied whole.
    for li in graph.layers.indices {
      let inputs = graph.layers[li].inputs
      let op = graph.layers[li].op
      var ins: [Shape]
      // One input, a producer's only output or a model input: its list as it is (no copy).
      if inputs.count == 1, case .output(let l, 0) = inputs[0], outputs[l].count == 1 {
        ins = outputs[l]
      } else if inputs.count == 1, case .input(let i) = inputs[0] {
        ins = inputLists[i]
      } else {
        ins = []
        ins.reserveCapacity(inputs.count)
        for r in inputs { ins.append(try shape(of: r, for: li)) }
      }
      let outs: [Shape]
      do {
        outs = shapeLists(try op.outputShapes(ins))
      } catch let issue as ShapeIssue {
        // Single-input messages get the input's shape; multi-input ones name theirs.
        let message = ins.count == 1 ? "\(issue.message) (input \(ins[0]))" : issue.message
        throw .shape(graph.layers[li].location, layer: graph.layers[li].name, message: message)
      } catch let o as ArithmeticOverflow {
        throw .overflow(graph.layers[li].location, layer: graph.layers[li].name, what: o.what)
      } catch let e as NetCostError {
        throw e
      } catch {
        throw .shape(graph.layers[li].location, layer: graph.layers[li].name, message: "\(error)")
      }
      // One input: its producer's element-type list as it is (no copy), as for the shapes.
      let inTypes: [DType]
      if inputs.count == 1, case .output(let l, 0) = inputs[0], dtypes[l].count == 1 {
        inTypes = dtypes[l]
      } else if inputs.count == 1, case .input(let i) = inputs[0] {
        inTypes = inputTypeLists[i]
      } else {
        inTypes = inputs.map(dtypeOf)
      }
      do { try op.checkInputDTypes(inTypes) } catch {
        throw .shape(graph.layers[li].location, layer: graph.layers[li].name, message: error.message)
      }
      var outTypes = op.outputDTypes(inputs: inTypes, outputs: outs.count, model: dtype)
      if outTypes.count != outs.count { outTypes = Array(repeating: outTypes.first ?? dtype, count: outs.count) }
      outTypes = dtypeLists(outTypes)
      dtypes.append(outTypes)
      var cost: LayerCost
      var activation = 0
      do {
        cost = try op.cost(inputs: ins, outputs: outs)
        // A pass-through (dropout at inference) hands on its input's buffer: no bytes of its own.
        let aliases = (op as? Identity)?.aliasesInput == true
        for (o, t) in zip(outs, outTypes) where !aliases {
          activation = try Checked.add(
            activation, try Checked.mul(try o.elementCount(), t.bytes, "activation bytes"), "activation bytes")
        }
        if options.flopConvention == .darknet {
          cost.flops = try op.darknetFlops(cost: cost, inputs: ins, outputs: outs)
        }
      } catch {
        throw .overflow(graph.layers[li].location, layer: graph.layers[li].name, what: error.what)
      }
      let inFields = inputs.map { r -> ReceptiveField in
        switch r {
        case .input(let i): return inputFields[i]
        case .output(let l, _): return fields[l]
        }
      }
      if let tie = op.tiedWeight(inputs: ins) {
        guard let j = rows.firstIndex(where: { $0.name == tie.layer }) else {
          throw .invalidSpec(
            graph.layers[li].location, layer: graph.layers[li].name,
            message: "tied_to '\(tie.layer)' names no earlier layer")
        }
        guard rows[j].cost.params == tie.elements else {
          throw .shape(
            graph.layers[li].location, layer: graph.layers[li].name,
            message:
              "tied_to '\(tie.layer)': that layer has \(rows[j].cost.params) parameters but this layer's weight needs \(tie.elements) (\(ins[0].dims.last!) × out)"
          )
        }
      }
      let field = op.receptiveField(inputs: inFields, inputShapes: ins, outputShapes: outs)
      fields.append(field)
      outputs.append(outs)
      let workload: Workload
      do {
        var read = try Checked.mul(try Checked.add(cost.params, cost.buffers), dtype.bytes, "bytes read")
        for (s, t) in zip(ins, inTypes) {
          read = try Checked.add(read, try Checked.mul(try s.elementCount(), t.bytes), "bytes read")
        }
        workload = Workload(flops: cost.flops, bytesRead: read, bytesWritten: activation)
      } catch {
        throw .overflow(graph.layers[li].location, layer: graph.layers[li].name, what: error.what)
      }
      // A wrapper is looked through; any other op is kept as it is
      // (`unwrapped` would box a copy of it for every layer).
      let wraps: Bool
      let opType = ObjectIdentifier(Swift.type(of: op))
      if let known = wrappers[opType] {
        wraps = known
      } else {
        wraps = op is any WrappingOperator
        wrappers[opType] = wraps
      }
      let work = wraps ? op.unwrapped : op
      // One category per op type.
      let type = ObjectIdentifier(Swift.type(of: work))
      let category: OpCategory
      if let known = categories[type] {
        category = known
      } else {
        category = OpCategory.of(work)
        categories[type] = category
      }
      rows.append(
        LayerReport(
          index: rows.count, name: graph.layers[li].name, type: graph.layers[li].kind, category: category, op: work,
          inputs: inputs.map { r in
            switch r {
            case .input(let i): return graph.inputs[i].name
            case .output(let l, let k): return k == 0 ? graph.layers[l].name : "\(graph.layers[l].name):\(k)"
            }
          },
          inputShapes: ins, outputShapes: outs, cost: cost, costKind: op.costKind, activationBytes: activation,
          workload: workload, receptiveField: field,
          note: op.note, location: graph.layers[li].location, outputDTypes: outTypes))
    }

    let inputs = zip(graph.inputs, inputShapes).map { ModelInput(name: $0.name, shape: $1, dtype: $0.dtype) }
    let totals: Totals
    do {
      totals = try Totals(rows: rows, graph: graph, inputs: inputs, dtype: dtype, optimizer: options.optimizer)
    } catch {
      throw .overflow(SourceLocation(file: file ?? graph.name), layer: "(totals)", what: error.what)
    }
    let findings = graph.notes + Lints.run(graph: graph, rows: rows, inputShapes: inputShapes, inputFields: inputFields)
    var read = Array(repeating: false, count: graph.layers.count)
    for l in graph.layers.indices { for case .output(let p, _) in graph.layers[l].inputs { read[p] = true } }
    return Report(
      model: graph.name, file: file, batch: batch, dtype: dtype, flopConvention: options.flopConvention,
      inputs: inputs, layers: rows, totals: totals, findings: findings,
      outputIndices: read.indices.filter { !read[$0] },
      liveBytes: Liveness.timeline(graph: graph, inputs: inputs, rows: rows))
  }

  static func inferInputs(_ graph: Graph, batch: Int) throws(NetCostError) -> [Shape] {
    guard batch >= 1 else {
      throw .invalidSpec(
        SourceLocation(file: graph.name), layer: nil, message: "batch must be at least 1, found \(batch)")
    }
    var shapes: [Shape] = []
    for inp in graph.inputs {
      guard let s = Shape(inp.dimsIncludeBatch ? inp.dims : [batch] + inp.dims) else {
        throw .invalidSpec(
          inp.location, layer: nil,
          message: "input '\(inp.name)': every dimension must be at least 1, found \(inp.dims)")
      }
      do { _ = try s.elementCount() } catch {
        throw .invalidSpec(
          inp.location, layer: nil,
          message: "input '\(inp.name)': the element count of \(s) does not fit in a 64-bit integer")
      }
      shapes.append(s)
    }
    return shapes
  }
}
