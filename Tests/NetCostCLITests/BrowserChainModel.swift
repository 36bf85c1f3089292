// netcost — Apache-2.0

/// A generated chain for the large-model browser test and the benchmark
/// (Benchmarks/bench_report.py writes the same one): a stem conv, then
/// `blocks` identical conv → batch norm → relu blocks on an 8×16×16
/// tensor, so 3,333 blocks make 10,000 layers.
enum ChainModel {
  /// The netcost JSON spec.
  static func spec(blocks: Int) -> String {
    var layers = [#"{"name": "stem.conv", "type": "conv2d", "out": 8, "kernel": 3, "pad": 1}"#]
    layers.reserveCapacity(1 + 3 * blocks)
    for i in 0..<blocks {
      layers.append(#"{"name": "blocks.\#(i).conv", "type": "conv2d", "out": 8, "kernel": 3, "pad": 1}"#)
      layers.append(#"{"name": "blocks.\#(i).bn", "type": "batch_norm"}"#)
      layers.append(#"{"name": "blocks.\#(i).relu", "type": "relu"}"#)
    }
    return #"{"name": "chain\#(1 + 3 * blocks)", "inputs": [{"name": "x", "shape": [8, 16, 16]}], "layers": ["#
      + layers.joined(separator: ",\n") + "]}\n"
  }
}
