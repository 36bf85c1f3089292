// netcost — Apache-2.0

extension KerasGraphBuilder {
  /// The layer classes read, for "did you mean" suggestions.
  static let layerClasses = [
    "InputLayer", "Conv1D", "Conv2D", "Conv3D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "Dense",
    "BatchNormalization", "LayerNormalization", "Activation", "ReLU", "LeakyReLU", "ELU", "PReLU", "Softmax", "Dropout",
    "SpatialDropout2D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
    "AveragePooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
    "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Flatten", "Reshape", "Permute", "Add", "Subtract", "Multiply",
    "Maximum", "Minimum", "Average", "Concatenate", "Rescaling", "Normalization", "Embedding", "LSTM", "GRU",
    "SimpleRNN", "Bidirectional", "MultiHeadAttention", "TimeDistributed", "LayerScale",
  ]

  /// Adds call `node` of the layer `spec` on `inputs`; returns its outputs.
  mutating func apply(_ spec: KerasLayerSpec, scope: String, node: Int, inputs: [KerasTensor], call: KerasCall?)
    throws(NetCostError) -> [KerasTensor]
  {
    let base = scope + spec.name
    if spec.isModel {
      let wasSharing = sharing
      if node > 0 { sharing = true }
      defer { sharing = wasSharing }
      let inner = node > 0 ? "\(base)#\(node + 1)." : base + "."
      return try buildModel(className: spec.className, spec.config, scope: inner, inputs: inputs)
    }
    guard !inputs.isEmpty else {
      throw .invalidSpec(spec.location, layer: base, message: "\(spec.className) is called on no tensor")
    }
    let site = Site(
      name: base, className: spec.className, location: spec.location, shared: sharing || node > 0,
      config: spec.config)
    let x = inputs[0]
    switch spec.className {
    case "InputLayer":
      return [x]
    case "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D":
      return [try conv(site, x, rank: Int(String(spec.className.dropLast().last!))!)]
    case "DepthwiseConv2D", "DepthwiseConv1D":
      return [try depthwise(site, x, rank: spec.className == "DepthwiseConv1D" ? 1 : 2)]
    case "SeparableConv2D", "SeparableConv1D", "SeparableConvolution2D":
      return [try separable(site, x, rank: spec.className.contains("1D") ? 1 : 2)]
    case "Conv2DTranspose", "Conv1DTranspose", "Conv3DTranspose", "Convolution2DTranspose":
      let r = spec.className.contains("1D") ? 1 : spec.className.contains("3D") ? 3 : 2
      return [try convTranspose(site, x, rank: r)]
    case "Dense":
      return [try dense(site, x)]
    case "BatchNormalization":
      return [try batchNorm(site, x)]
    case "LayerNormalization":
      return [try layerNorm(site, x)]
    case "Activation":
      guard let v = site.config["activation"] else { throw site.config.error("activation", "'activation' is missing") }
      return [try activation(v, x, site, part: nil, key: "activation")]
    case "ReLU":
      return [try relu(site, x)]
    case "LeakyReLU", "ELU", "ThresholdedReLU":
      let fn: Activation.Function = spec.className == "ELU" ? .elu : .leakyReLU
      return [
        try add(site, kind: fn.rawValue, op: Activation(function: fn), inputs: [x], channelsFirst: x.channelsFirst)
      ]
    case "PReLU":
      return [try prelu(site, x)]
    case "Softmax":
      let axis = try softmaxAxis(site, x)
      return [try add(site, kind: "softmax", op: Softmax(axis: axis), inputs: [x], channelsFirst: x.channelsFirst)]
    case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
      "AlphaDropout", "ActivityRegularization", "Masking":
      return [try add(site, kind: "dropout", op: Identity(), inputs: [x], channelsFirst: x.channelsFirst)]
    case "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
      "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D":
      let r = Int(String(spec.className.dropLast().last!))!
      return [try pool(site, x, rank: r, isMax: spec.className.hasPrefix("Max"))]
    case "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
      "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D",
      "GlobalMaxPool2D":
      return [try globalPool(site, x, isMax: spec.className.hasPrefix("GlobalMax"))]
    case "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D":
      return [try zeroPadding(site, x, rank: Int(String(spec.className.dropLast().last!))!)]
    case "Cropping1D", "Cropping2D", "Cropping3D":
      return [try cropping(site, x, rank: Int(String(spec.className.dropLast().last!))!)]
    case "UpSampling1D", "UpSampling2D", "UpSampling3D":
      return [try upSampling(site, x, rank: Int(String(spec.className.dropLast().last!))!)]
    case "Flatten":
      return [try add(site, kind: "flatten", op: Flatten(), inputs: [x], channelsFirst: false)]
    case "Reshape":
      return [try reshape(site, x)]
    case "Permute":
      return [try permute(site, x)]
    case "RepeatVector":
      throw error(site, "RepeatVector is not supported yet")
    case "Add", "Subtract", "Multiply", "Maximum", "Minimum", "Average", "Divide", "TrueDivide", "add", "subtract",
      "multiply", "divide", "true_divide", "maximum", "minimum":
      return [try merge(site, inputs, numbers: call?.numbers ?? [], operation: spec.className)]
    case "Concatenate":
      return [try concatenate(site, inputs)]
    case "Rescaling":
      let op = Elementwise(operation: .mul, constants: [[]])
      return [try add(site, kind: "rescaling", op: op, inputs: [x], channelsFirst: x.channelsFirst)]
    case "Normalization":
      return [try normalization(site, x)]
    case "Embedding":
      return [try embedding(site, x)]
    case "LSTM", "GRU", "SimpleRNN":
      return [try recurrent(site, x, config: site.config, className: spec.className, bidirectional: false)]
    case "Bidirectional":
      return [try bidirectional(site, x)]
    case "MultiHeadAttention":
      return [try multiHeadAttention(site, inputs, call: call)]
    case "TimeDistributed":
      return [try timeDistributed(site, x)]
    case "LayerScale":
      // ConvNeXt's per-channel scale γ (projection_dim weights).
      let n = try site.config.int("projection_dim")
      let shape = x.channelsFirst && x.rank >= 3 ? [n] + Array(repeating: 1, count: x.rank - 2) : [n]
      let op = Elementwise(operation: .mul, constants: [shape])
      return [try add(site, kind: "layer_scale", op: op, inputs: [x], channelsFirst: x.channelsFirst, params: n)]
    default:
      throw .invalidSpec(
        spec.location, layer: base,
        message: "Keras layer class '\(spec.className.clipped)' is not one netcost reads"
          + (spec.module.map { " (module \($0.clipped))" } ?? "")
          + (Suggest.closest(to: spec.className, in: Self.layerClasses).map { " (did you mean '\($0)'?)" } ?? ""))
    }
  }
}
