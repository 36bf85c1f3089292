// netcost — Apache-2.0

/// Convolution over 1, 2 or 3 spatial axes, with groups (depthwise when
/// groups = input channels), dilation, stride, named or asymmetric padding,
/// and an optional bias.
///
/// Fields: `out` (output channels; with `depthwise`, defaults to the input
/// channels), `kernel`, `stride` (1), `dilation` (1), `pad` (0), `groups`
/// (1), `depthwise` (false), `bias` (true).
public struct Conv: Operator {
  public static let arity = 1...1
  public static let flopRule =
    "per output element: (Cin/g)·∏k multiplies and (Cin/g)·∏k − 1 adds, +1 add with bias, i.e. (2·(Cin/g)·∏k − 1 + bias)·Hout·Wout·Cout·N; MACs = N·Cout·Hout·Wout·(Cin/g)·∏k"

  /// Output channels (nil: depthwise with multiplier 1).
  public var out: Int?
  /// Groups; nil means depthwise (groups = input channels).
  public var groups: Int?
  /// Whether a bias is added.
  public var bias: Bool
  /// Sliding-window geometry.
  public var window: Window
  /// Required spatial rank, from `conv1d`/`conv2d`/`conv3d`.
  public var spatialRank: Int?

  /// Creates a convolution.
  ///
  /// - Parameters:
  ///   - out: Output channels; nil with `groups: nil` keeps the input's channels (depthwise, multiplier 1).
  ///   - groups: Channel groups; nil makes one group per input channel (depthwise).
  ///   - bias: Whether a bias is added per output channel.
  ///   - window: Kernel, stride, dilation and padding.
  ///   - spatialRank: The spatial rank the input must have (1, 2 or 3), or nil for any.
  public init(out: Int?, groups: Int? = 1, bias: Bool = true, window: Window, spatialRank: Int? = nil) {
    self.out = out
    self.groups = groups
    self.bias = bias
    self.window = window
    self.spatialRank = spatialRank
  }

  /// Groups and output channels for an input with `cin` channels.
  func resolvedGroupsAndOut(_ cin: Int) -> (Int, Int) {
    let g = groups ?? cin
    return (g, out ?? cin)
  }

  public func outputShapes(_ inputs: [Shape]) throws -> [Shape] {
    let x = inputs[0]
    try Self.checkSpatial(x, spatialRank, op: "conv")
    let cin = x.channels
    let (g, cout) = resolvedGroupsAndOut(cin)
    guard g >= 1, cout >= 1 else { throw ShapeIssue("groups \(g) and output channels \(cout) must be at least 1") }
    guard cin % g == 0 else {
      throw ShapeIssue("input channels \(cin) are not divisible by groups \(g)")
    }
    guard cout % g == 0 else {
      throw ShapeIssue("output channels \(cout) are not divisible by groups \(g)")
    }
    let r = try window.resolve(x.spatial)
    var dims: [Int] = []
    dims.reserveCapacity(2 + r.output.count)
    dims.append(x.batch)
    dims.append(cout)
    dims.append(contentsOf: r.output)
    return [Shape(dims)!]
  }

  public func cost(inputs: [Shape], outputs: [Shape]) throws(ArithmeticOverflow) -> LayerCost {
    let x = inputs[0]
    let (g, cout) = resolvedGroupsAndOut(x.channels)
    let kprod = try Checked.product((try? window.kernel.expand(x.rank - 2, "kernel")) ?? [], "kernel size")
    let perOut = try Checked.mul(x.channels / g, kprod, "weights per output")  // MACs per output element
    let outElems = try outputs[0].elementCount()
    let macs = try Checked.mul(outElems, perOut, "MACs")
    let weights = try Checked.mul(cout, perOut, "parameters")
    let params = try Checked.add(weights, bias ? cout : 0, "parameters")
    let flopsPerOut = try Checked.add(try Checked.mul(2, perOut, "FLOPs"), bias ? 0 : -1, "FLOPs")
    let flops = try Checked.mul(outElems, flopsPerOut, "FLOPs")
    return LayerCost(params: params, macs: macs, flops: flops)
  }

  public func receptiveField(inputs: [ReceptiveField], inputShapes: [Shape], outputShapes: [Shape]) -> ReceptiveField {
    FieldRule.window(inputs[0], window, inputShape: inputShapes[0])
  }

  public var slidingWindow: SlidingWindow? { SlidingWindow(window: window, convolves: true) }
  /// Requires an N×C×spatial input, with `rank` spatial axes when given.
  static func checkSpatial(_ x: Shape, _ rank: Int?, op: String) throws(ShapeIssue) {
    if let rank {
      guard x.rank == rank + 2 else {
        throw ShapeIssue(
          "\(op)\(rank)d expects a \(rank + 2)-D input (N×C×\(["L", "H×W", "D×H×W"][rank - 1])), found \(x.rank)-D \(x)"
        )
      }
    } else {
      guard (3...5).contains(x.rank) else {
        throw ShapeIssue("\(op) expects an N×C×L, N×C×H×W or N×C×D×H×W input, found \(x.rank)-D \(x)")
      }
    }
  }
}

// MARK: - Native spec

extension Conv: SpecDecodable {
  /// The spec's names; `conv1d`/`conv2d`/`conv3d` fix the spatial rank.
  public static let kinds = ["conv", "conv1d", "conv2d", "conv3d"]

  /// Reads `out`, `kernel`, `stride`, `dilation`, `pad`, `groups`, `depthwise` and `bias`.
  public init(kind: String, attributes a: Attributes) throws {
    let depthwise = try a.bool("depthwise", default: false)
    let groups: Int?
    let out: Int?
    if depthwise {
      if a.has("groups") { throw a.error("groups", "give either 'depthwise': true or 'groups', not both") }
      groups = nil
      out = a.has("out") ? try a.int("out") : nil
    } else {
      groups = try a.int("groups", default: 1)
      out = try a.int("out")
    }
    let bias = try a.bool("bias", default: true)
    self.init(out: out, groups: groups, bias: bias, window: try Window.read(a), spatialRank: Axis.rankSuffix(kind))
  }
}
