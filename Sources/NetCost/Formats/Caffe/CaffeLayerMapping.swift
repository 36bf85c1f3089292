// netcost — Apache-2.0

/// Which netcost op each Caffe layer type is, with its parameters read as
/// Caffe's layer implementations read them.
enum CaffeLayerMapping {
  /// A layer's op and how it is wired.
  struct Mapped {
    var op: any Operator
    /// How many bottoms the layer takes.
    var arity: ClosedRange<Int>
    /// How many tops it has (nil: 1).
    var outputs: Int?
    /// How many of the bottoms the op reads (nil: all), e.g. SegNet's
    /// Upsample, whose second bottom (the pooling mask) does not shape it.
    var usedInputs: Int?

    init(_ op: any Operator, arity: ClosedRange<Int> = 1...1, outputs: Int? = nil, usedInputs: Int? = nil) {
      self.op = op
      self.arity = arity
      self.outputs = outputs
      self.usedInputs = usedInputs
    }
  }

  /// The layer types netcost analyzes.
  static let analyzed = [
    "Convolution", "ConvolutionDepthwise", "DepthwiseConvolution", "Deconvolution", "Pooling", "InnerProduct",
    "ReLU", "ReLU6", "PReLU", "ELU", "Sigmoid", "TanH", "Swish", "AbsVal", "BNLL", "Exp", "Log", "Clip", "Power",
    "LRN", "BatchNorm", "Scale", "Bias", "Eltwise", "Axpy", "Concat", "Split", "Slice", "Flatten", "Reshape",
    "Dropout", "Softmax", "ShuffleChannel", "Interp", "Upsample", "Input", "Silence",
  ]

  /// Caffe types that only make sense while training.
  static let training: Set<String> = [
    "Data", "ImageData", "HDF5Data", "HDF5Output", "MemoryData", "WindowData", "DummyData", "Python",
    "SoftmaxWithLoss", "EuclideanLoss", "HingeLoss", "InfogainLoss", "MultinomialLogisticLoss",
    "SigmoidCrossEntropyLoss", "ContrastiveLoss", "Accuracy",
  ]

  static func op(for p: Caffe_LayerParameter, at c: CaffeLayerContext) throws(NetCostError) -> Mapped {
    switch p.type {
    case "Convolution", "ConvolutionDepthwise", "DepthwiseConvolution":
      let (out, window) = try convolution(p.convolutionParam, at: c)
      let depthwise = p.type != "Convolution"
      return Mapped(
        Conv(
          out: out, groups: depthwise ? nil : Int(p.convolutionParam.group), bias: p.convolutionParam.biasTerm,
          window: window))
    case "Deconvolution":
      let (out, window) = try convolution(p.convolutionParam, at: c)
      return Mapped(
        ConvTranspose(
          out: out, groups: Int(p.convolutionParam.group), bias: p.convolutionParam.biasTerm, window: window))
    case "Pooling": return Mapped(try pooling(p.poolingParam, at: c))
    case "InnerProduct":
      let q = p.innerProductParam
      guard q.hasNumOutput, q.numOutput >= 1 else {
        throw c.error("InnerProduct needs num_output ≥ 1", field: "inner_product_param.num_output")
      }
      return Mapped(CaffeInnerProduct(out: Int(q.numOutput), bias: q.biasTerm, axis: Int(q.axis)))
    case "ReLU":
      return Mapped(Activation(function: p.reluParam.negativeSlope != 0 ? .leakyReLU : .relu))
    case "ReLU6": return Mapped(Activation(function: .relu6))
    case "PReLU": return Mapped(PReLU(shared: p.preluParam.channelShared))
    case "ELU": return Mapped(Activation(function: .elu))
    case "Sigmoid": return Mapped(Activation(function: .sigmoid))
    case "TanH": return Mapped(Activation(function: .tanh))
    case "Swish": return Mapped(Activation(function: .swish))
    case "BNLL": return Mapped(Activation(function: .softplus))
    case "AbsVal": return Mapped(Unary(function: .abs))
    case "Exp": return Mapped(Unary(function: .exp))
    case "Log": return Mapped(Unary(function: .log))
    case "Clip": return Mapped(Unary(function: .clip))
    case "Power":
      let q = p.powerParam
      return Mapped(CaffePower(power: Double(q.power), scale: Double(q.scale), shift: Double(q.shift)))
    case "LRN":
      guard p.lrnParam.localSize >= 1, p.lrnParam.localSize % 2 == 1 else {
        throw c.error("LRN local_size must be odd, found \(p.lrnParam.localSize)", field: "lrn_param.local_size")
      }
      return Mapped(LRN(size: Int(p.lrnParam.localSize)))
    case "BatchNorm": return Mapped(CaffeBatchNorm())
    case "Scale":
      let q = p.scaleParam
      return Mapped(
        CaffeScale(axis: Int(q.axis), numAxes: Int(q.numAxes), scale: true, bias: q.biasTerm), arity: 1...2)
    case "Bias":
      let q = p.biasParam
      return Mapped(CaffeScale(axis: Int(q.axis), numAxes: Int(q.numAxes), scale: false, bias: true))
    case "Eltwise":
      let q = p.eltwiseParam
      if !q.coeff.isEmpty, q.coeff.count != p.bottom.count {
        throw c.error(
          "Eltwise has \(q.coeff.count) coeff values for \(p.bottom.count) bottoms; expected one per bottom",
          field: "eltwise_param.coeff")
      }
      if !q.coeff.isEmpty, q.operation != .sum {
        throw c.error("Eltwise coeff applies to SUM only", field: "eltwise_param.coeff")
      }
      let op: Elementwise.Operation
      switch q.operation {
      case .sum: op = q.coeff.count == 2 && q.coeff[0] == 1 && q.coeff[1] == -1 ? .sub : .add
      case .prod: op = .mul
      case .max: op = .max
      }
      return Mapped(Elementwise(operation: op), arity: 2...Int.max)
    case "Axpy": return Mapped(Axpy(), arity: 3...3)
    case "Concat":
      let q = p.concatParam
      return Mapped(Concat(axis: q.hasConcatDim ? Int(q.concatDim) : Int(q.axis)), arity: 1...Int.max)
    case "Slice":
      let q = p.sliceParam
      return Mapped(
        CaffeSlice(
          axis: q.hasSliceDim ? Int(q.sliceDim) : Int(q.axis), points: q.slicePoint.map(Int.init), parts: p.top.count),
        outputs: p.top.count)
    case "Flatten": return Mapped(Flatten(start: Int(p.flattenParam.axis), end: Int(p.flattenParam.endAxis)))
    case "Reshape":
      let q = p.reshapeParam
      guard q.hasShape else {
        throw c.error("Reshape needs reshape_param { shape { dim: … } }", field: "reshape_param")
      }
      return Mapped(CaffeReshape(shape: q.shape.dim.map { Int($0) }, axis: Int(q.axis), numAxes: Int(q.numAxes)))
    case "Dropout": return Mapped(Identity())
    case "Softmax": return Mapped(Softmax(axis: Int(p.softmaxParam.axis)))
    case "ShuffleChannel":
      let g = p.shuffleChannelParam.group
      guard g >= 1 else {
        throw c.error("ShuffleChannel group must be at least 1", field: "shuffle_channel_param.group")
      }
      return Mapped(ChannelShuffle(groups: Int(g)))
    case "Interp":
      let q = p.interpParam
      guard q.padBeg <= 0, q.padEnd <= 0 else {
        throw c.error("Interp pads must be ≤ 0 (they crop), found \(q.padBeg), \(q.padEnd)", field: "interp_param")
      }
      if q.hasZoomFactor, q.zoomFactor < 1 {
        throw c.error("Interp zoom_factor must be at least 1", field: "interp_param.zoom_factor")
      }
      if q.hasShrinkFactor, q.shrinkFactor < 1 {
        throw c.error("Interp shrink_factor must be at least 1", field: "interp_param.shrink_factor")
      }
      return Mapped(
        CaffeInterp(
          height: q.hasHeight ? Int(q.height) : nil, width: q.hasWidth ? Int(q.width) : nil,
          zoom: q.hasZoomFactor ? Int(q.zoomFactor) : nil, shrink: q.hasShrinkFactor ? Int(q.shrinkFactor) : nil,
          padBegin: Int(q.padBeg), padEnd: Int(q.padEnd)), arity: 1...2)
    case "Upsample":
      let q = p.upsampleParam
      if q.hasUpsampleH || q.hasUpsampleW {
        guard q.upsampleH >= 1, q.upsampleW >= 1 else {
          throw c.error("Upsample needs both upsample_h and upsample_w ≥ 1", field: "upsample_param")
        }
        return Mapped(Resize(size: .each([Int(q.upsampleH), Int(q.upsampleW)])), arity: 1...2, usedInputs: 1)
      }
      let sh = q.hasScaleH ? q.scaleH : q.scale
      let sw = q.hasScaleW ? q.scaleW : q.scale
      guard sh >= 1, sw >= 1 else { throw c.error("Upsample scale must be at least 1", field: "upsample_param") }
      return Mapped(Resize(scale: [Double(sh), Double(sw)]), arity: 1...2, usedInputs: 1)
    default:
      if training.contains(p.type) {
        throw c.error(
          "'\(p.type)' is a training layer (data source, loss or accuracy); netcost reads the deploy prototxt, whose input is given by 'input' or an Input layer",
          field: "type")
      }
      var message = "unknown layer type '\(p.type)'"
      if p.type.isEmpty { message = "the layer has no type" }
      if let s = Suggest.closest(to: p.type, in: analyzed) { message += " (did you mean '\(s)'?)" }
      throw c.error(message, field: "type")
    }
  }

  /// One spatial setting of a convolution: the `_h`/`_w` pair when either is
  /// given (both then needed), else the repeated field (one value for every
  /// axis, or one per axis), else `fallback`.
  static func axisValues(
    _ repeated: [UInt32], h: UInt32?, w: UInt32?, name: String, fallback: Int?, at c: CaffeLayerContext,
    param: String
  ) throws(NetCostError) -> AxisValues? {
    if h != nil || w != nil {
      guard let h, let w else {
        throw c.error(
          "\(name)_h and \(name)_w must be given together", field: "\(param).\(name)_\(h == nil ? "w" : "h")")
      }
      guard repeated.isEmpty else {
        throw c.error("give either \(name) or \(name)_h and \(name)_w, not both", field: "\(param).\(name)_h")
      }
      return .each([Int(h), Int(w)])
    }
    switch repeated.count {
    case 0: return fallback.map { .all($0) }
    case 1: return .all(Int(repeated[0]))
    default: return .each(repeated.map(Int.init))
    }
  }

  static func convolution(_ q: Caffe_ConvolutionParameter, at c: CaffeLayerContext) throws(NetCostError)
    -> (Int, Window)
  {
    let param = "convolution_param"
    guard q.hasNumOutput, q.numOutput >= 1 else {
      throw c.error("\(c.layer.type) needs num_output ≥ 1", field: "\(param).num_output")
    }
    guard
      let kernel = try axisValues(
        q.kernelSize, h: q.hasKernelH ? q.kernelH : nil, w: q.hasKernelW ? q.kernelW : nil, name: "kernel",
        fallback: nil, at: c, param: param)
    else {
      throw c.error("\(c.layer.type) needs kernel_size (or kernel_h and kernel_w)", field: param)
    }
    let stride = try axisValues(
      q.stride, h: q.hasStrideH ? q.strideH : nil, w: q.hasStrideW ? q.strideW : nil, name: "stride", fallback: 1,
      at: c,
      param: param)!
    let pad = try axisValues(
      q.pad, h: q.hasPadH ? q.padH : nil, w: q.hasPadW ? q.padW : nil, name: "pad", fallback: 0, at: c, param: param)!
    let dilation = try axisValues(
      q.dilation, h: nil, w: nil, name: "dilation", fallback: 1, at: c, param: param)!
    try positive(kernel, "kernel", at: c, field: "\(param).kernel_size")
    try positive(stride, "stride", at: c, field: "\(param).stride")
    try positive(dilation, "dilation", at: c, field: "\(param).dilation")
    if q.hasGroup, q.group < 1 { throw c.error("group must be at least 1", field: "\(param).group") }
    let padding: Padding
    switch pad {
    case .all(let p): padding = .explicit(.all(p, p))
    case .each(let ps): padding = .explicit(.each(ps.map { ($0, $0) }))
    }
    return (Int(q.numOutput), Window(kernel: kernel, stride: stride, dilation: dilation, padding: padding))
  }

  static func positive(_ v: AxisValues, _ what: String, at c: CaffeLayerContext, field: String) throws(NetCostError) {
    let values: [Int]
    switch v {
    case .all(let x): values = [x]
    case .each(let xs): values = xs
    }
    guard values.allSatisfy({ $0 >= 1 }) else {
      throw c.error("\(what) must be at least 1, found \(values)", field: field)
    }
  }

  /// Caffe's pooling: stride defaults to 1, the output size is rounded up
  /// (unless `round_mode: FLOOR` or the fork's `ceil_mode: false`), and with
  /// padding a last window that would start in the padding is dropped.
  static func pooling(_ q: Caffe_PoolingParameter, at c: CaffeLayerContext) throws(NetCostError) -> any Operator {
    let isMax = q.pool == .max
    let param = "pooling_param"
    if q.globalPooling {
      if q.hasKernelSize || q.hasKernelH || q.hasKernelW {
        throw c.error("global_pooling takes no kernel size (Caffe refuses both)", field: "\(param).kernel_size")
      }
      return GlobalPool(isMax: isMax)
    }
    let k: [Int]
    if q.hasKernelH || q.hasKernelW {
      guard q.hasKernelH, q.hasKernelW, !q.hasKernelSize else {
        throw c.error("give kernel_size, or kernel_h and kernel_w", field: "\(param).kernel_h")
      }
      k = [Int(q.kernelH), Int(q.kernelW)]
    } else {
      guard q.hasKernelSize else { throw c.error("Pooling needs kernel_size (or global_pooling: true)", field: param) }
      k = [Int(q.kernelSize), Int(q.kernelSize)]
    }
    let s = q.hasStrideH || q.hasStrideW ? [Int(q.strideH), Int(q.strideW)] : [Int(q.stride), Int(q.stride)]
    let p = q.hasPadH || q.hasPadW ? [Int(q.padH), Int(q.padW)] : [Int(q.pad), Int(q.pad)]
    guard k.allSatisfy({ $0 >= 1 }) else {
      throw c.error("kernel must be at least 1, found \(k)", field: "\(param).kernel_size")
    }
    guard s.allSatisfy({ $0 >= 1 }) else {
      throw c.error("stride must be at least 1, found \(s)", field: "\(param).stride")
    }
    guard p[0] < k[0], p[1] < k[1] else {
      throw c.error("pad \(p) must be smaller than the kernel \(k) (Caffe refuses it)", field: "\(param).pad")
    }
    let ceil = q.roundMode == .ceil && q.ceilMode
    // Without padding Caffe keeps a last window that starts past the input
    // when the stride exceeds the kernel; netcost's ceil mode would drop
    // it. Rounding down over s − 1 extra end pixels gives Caffe's size.
    if ceil, p == [0, 0], zip(k, s).contains(where: { $0 < $1 }) {
      let window = Window(
        kernel: .each(k), stride: .each(s), padding: .explicit(.each([(0, s[0] - 1), (0, s[1] - 1)])))
      return Pool(isMax: isMax, window: window, spatialRank: 2)
    }
    let window = Window(
      kernel: .each(k), stride: .each(s), padding: .explicit(.each([(p[0], p[0]), (p[1], p[1])])), ceilMode: ceil)
    return Pool(isMax: isMax, window: window, spatialRank: 2)
  }
}
