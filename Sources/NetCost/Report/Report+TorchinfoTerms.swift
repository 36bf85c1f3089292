// netcost — Apache-2.0

/// netcost's memory figures in torchinfo's terms, so that a PyTorch user can
/// place them: torchinfo's summary counts differently (torchinfo
/// `ModelStatistics`: "Params size" is parameter bytes only; "Forward/backward
/// pass size" is twice the output bytes of the leaf layers that have
/// parameters; "Estimated Total Size" adds the input to both).
public struct TorchinfoTerms: Sendable, Equatable {
  /// torchinfo's "Input size": the model inputs' bytes.
  public var inputBytes: Int
  /// torchinfo's "Params size": parameters × their element size (no buffers).
  public var paramsBytes: Int
  /// torchinfo's "Forward/backward pass size": 2 × the output bytes of every
  /// layer with parameters (outputs of parameter-free layers are not counted).
  public var forwardBackwardBytes: Int
  /// torchinfo's "Estimated Total Size": input + forward/backward + params.
  public var totalBytes: Int { inputBytes &+ forwardBackwardBytes &+ paramsBytes }
}

extension Report {
  /// The memory figures as torchinfo's summary would print them (saturating
  /// rather than trapping on absurd sizes).
  public var torchinfoTerms: TorchinfoTerms {
    func add(_ a: Int, _ b: Int) -> Int {
      let (s, o) = a.addingReportingOverflow(b)
      return o ? Int.max : s
    }
    func mul(_ a: Int, _ b: Int) -> Int {
      let (p, o) = a.multipliedReportingOverflow(by: b)
      return o ? Int.max : p
    }
    var outputs = 0
    for i in layers.indices where layers[i].cost.params > 0 { outputs = add(outputs, layers[i].activationBytes) }
    return TorchinfoTerms(
      inputBytes: totals.inputBytes, paramsBytes: mul(totals.params, dtype.bytes), forwardBackwardBytes: mul(2, outputs)
    )
  }
}
