// netcost — Apache-2.0

import NetCostProfile
import Testing

@Suite("Timing statistics and the roofline")
struct HarnessTests {
  @Test("median, min and max of known samples")
  func stats() throws {
    let odd = try #require(SampleStats([0.5, 0.1, 0.3, 0.9, 0.2]))
    #expect(odd.median == 0.3)
    #expect(odd.min == 0.1)
    #expect(odd.max == 0.9)
    #expect(odd.count == 5)
    #expect(odd.samples == [0.5, 0.1, 0.3, 0.9, 0.2])
    let even = try #require(SampleStats([4, 1, 3, 2]))
    #expect(even.median == 2.5)
    #expect(even.min == 1 && even.max == 4)
    let one = try #require(SampleStats([7]))
    #expect(one.median == 7 && one.min == 7 && one.max == 7)
    #expect(SampleStats([]) == nil)
  }

  @Test("timing: warm-ups are not counted; runs stop at the cap or after min-time and min-runs")
  func measure() {
    var calls = 0
    let capped = TimingOptions(warmups: 2, minTime: 1000, minRuns: 3, maxRuns: 5).measure { calls += 1 }
    #expect(capped.count == 5)
    #expect(calls == 7)
    calls = 0
    let quick = TimingOptions(warmups: 0, minTime: 0, minRuns: 3, maxRuns: 100).measure { calls += 1 }
    #expect(quick.count == 3 && calls == 3)
  }

  @Test("roofline: intensity, balance, bound")
  func roofline() throws {
    let m = MachineProfile(
      threads: 2, peakGFLOPSPerThread: 50, peakGFLOPS: 100, isa: "test", bandwidthGBs: 20, blas: "test")
    #expect(m.balance == 5)
    #expect(m.roof(intensity: 1) == 20)
    #expect(m.roof(intensity: 10) == 100)
    // 1×1 conv, 4 → 4 channels on 1×1: 16 MACs = 32 FLOPs over (4 + 16 + 4)·4 bytes.
    let p = try ConvProblem(inChannels: 4, height: 1, width: 1, outChannels: 4, kernel: (1, 1))
    #expect(p.macs == 16)
    #expect(p.arithmeticIntensity == 32.0 / 96.0)
    let big = try ConvProblem(
      batch: 2, inChannels: 64, height: 56, width: 56, outChannels: 64, kernel: (3, 3), pads: (1, 1, 1, 1))
    #expect(big.macs == 2 * 64 * 56 * 56 * 64 * 9)
    #expect(big.arithmeticIntensity > m.balance)
  }

  @Test("algorithm choices: best leaves the reference out of large layers, all keeps it")
  func choices() throws {
    let big = try ConvProblem(
      batch: 16, inChannels: 64, height: 56, width: 56, outChannels: 64, kernel: (3, 3), pads: (1, 1, 1, 1))
    #expect(try AlgorithmChoice.best.algorithms(for: big) == [.im2col, .winograd, .winograd4x4])
    #expect(try AlgorithmChoice.all.algorithms(for: big) == [.direct, .im2col, .winograd, .winograd4x4])
    let small = try ConvProblem(inChannels: 3, height: 8, width: 8, outChannels: 4, kernel: (3, 3))
    #expect(try AlgorithmChoice.best.algorithms(for: small).contains(.direct))
    #expect(try AlgorithmChoice.parse("Winograd") == .only(.winograd))
    #expect(throws: ProfileError.self) { try AlgorithmChoice.parse("fft") }
    #expect(throws: ProfileError.self) { try AlgorithmChoice.only(.depthwise).algorithms(for: big) }
  }
}

@Suite("bench-conv's sizes on the command line")
struct DimensionListTests {
  @Test("C×H×W, one or two sizes, paddings in 1, 2 or 4 values; anything else names the option")
  func parse() throws {
    #expect(try DimensionList.parse("64x56x56", "--in", count: 3) == [64, 56, 56])
    #expect(try DimensionList.parse("3", "--kernel", count: 2) == [3, 3])
    #expect(try DimensionList.parse("3X5", "--kernel", count: 2) == [3, 5])
    #expect(try DimensionList.pads("1").top == 1)
    let p = try DimensionList.pads("1,2")
    #expect(p.top == 1 && p.left == 2 && p.bottom == 1 && p.right == 2)
    let q = try DimensionList.pads("1,2,3,4")
    #expect(q.top == 1 && q.left == 2 && q.bottom == 3 && q.right == 4)
    #expect(throws: ProfileError.self) { try DimensionList.parse("6x8", "--in", count: 3) }
    #expect(throws: ProfileError.self) { try DimensionList.parse("a", "--kernel", count: 2) }
    #expect(throws: ProfileError.self) { try DimensionList.pads("1,2,3") }
  }
}
