// netcost — Apache-2.0

/// The legacy V1 layer form (`layers { type: CONVOLUTION }`), upgraded to
/// the current one the way Caffe's upgrade_net_proto_text does: the type
/// enum becomes its layer name, the parameter messages carry over.
enum CaffeV1 {
  /// Caffe's layer type name for each V1 enum value it can analyze.
  static let typeNames: [Caffe_V1LayerParameter.LayerType: String] = [
    .absval: "AbsVal", .bnll: "BNLL", .concat: "Concat", .convolution: "Convolution",
    .deconvolution: "Deconvolution", .dropout: "Dropout", .eltwise: "Eltwise", .exp: "Exp", .flatten: "Flatten",
    .innerProduct: "InnerProduct", .lrn: "LRN", .mvn: "MVN", .pooling: "Pooling", .power: "Power", .relu: "ReLU",
    .sigmoid: "Sigmoid", .softmax: "Softmax", .split: "Split", .slice: "Slice", .tanh: "TanH",
    .threshold: "Threshold", .silence: "Silence", .accuracy: "Accuracy", .argmax: "ArgMax", .data: "Data",
    .dummyData: "DummyData", .hdf5Data: "HDF5Data", .hdf5Output: "HDF5Output", .imageData: "ImageData",
    .memoryData: "MemoryData", .windowData: "WindowData", .im2Col: "Im2col", .softmaxLoss: "SoftmaxWithLoss",
    .euclideanLoss: "EuclideanLoss", .hingeLoss: "HingeLoss", .infogainLoss: "InfogainLoss",
    .multinomialLogisticLoss: "MultinomialLogisticLoss", .sigmoidCrossEntropyLoss: "SigmoidCrossEntropyLoss",
    .contrastiveLoss: "ContrastiveLoss",
  ]

  /// The V1 layer `v`, written at `f`, in the current form.
  static func upgrade(_ v: Caffe_V1LayerParameter, at f: PrototxtField, file: String) throws(NetCostError)
    -> Caffe_LayerParameter
  {
    guard let type = typeNames[v.type] else {
      let loc = (f.child("type") ?? f).location(file)
      throw .invalidSpec(loc, layer: v.name, message: "the V1 layer has no type (expected e.g. type: CONVOLUTION)")
    }
    var p = Caffe_LayerParameter()
    p.name = v.name
    p.type = type
    p.bottom = v.bottom
    p.top = v.top
    p.include = v.include
    p.exclude = v.exclude
    if v.hasConvolutionParam { p.convolutionParam = v.convolutionParam }
    if v.hasPoolingParam { p.poolingParam = v.poolingParam }
    if v.hasInnerProductParam { p.innerProductParam = v.innerProductParam }
    if v.hasLrnParam { p.lrnParam = v.lrnParam }
    if v.hasConcatParam { p.concatParam = v.concatParam }
    if v.hasEltwiseParam { p.eltwiseParam = v.eltwiseParam }
    if v.hasSliceParam { p.sliceParam = v.sliceParam }
    if v.hasDropoutParam { p.dropoutParam = v.dropoutParam }
    if v.hasSoftmaxParam { p.softmaxParam = v.softmaxParam }
    if v.hasPowerParam { p.powerParam = v.powerParam }
    if v.hasReluParam { p.reluParam = v.reluParam }
    if v.hasSigmoidParam { p.sigmoidParam = v.sigmoidParam }
    if v.hasTanhParam { p.tanhParam = v.tanhParam }
    if v.hasExpParam { p.expParam = v.expParam }
    if v.hasMvnParam { p.mvnParam = v.mvnParam }
    if v.hasThresholdParam { p.thresholdParam = v.thresholdParam }
    return p
  }
}
