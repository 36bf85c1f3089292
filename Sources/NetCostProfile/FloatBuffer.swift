// netcost — Apache-2.0

#if canImport(Glibc)
  import Glibc
#endif

/// A 64-byte-aligned array of floats that kernels write through raw
/// pointers. A class, so that buffers are shared and not copied.
public final class FloatBuffer: @unchecked Sendable {
  /// The elements.
  public let pointer: UnsafeMutablePointer<Float>
  /// How many.
  public let count: Int

  /// Allocates `count` floats (uninitialized contents: fill them before reading).
  public init(count: Int) {
    self.count = count
    var raw: UnsafeMutableRawPointer?
    let bytes = max(1, count) * MemoryLayout<Float>.stride
    guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
      fatalError("netcost: cannot allocate \(bytes) bytes")
    }
    pointer = raw.bindMemory(to: Float.self, capacity: max(1, count))
  }

  deinit { free(pointer) }

  /// The elements as a buffer.
  public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

  /// Sets every element to `value` (NaN poisons an output so unwritten elements show).
  public func fill(_ value: Float) { buffer.update(repeating: value) }

  /// Fills with reproducible pseudo-random values in ±[0.1, 1), never zero.
  public func fillRandom(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for i in 0..<count {
      let r = rng.next()
      let magnitude = 0.1 + 0.9 * Float(r >> 40) / Float(1 << 24)
      pointer[i] = (r & 1) == 0 ? magnitude : -magnitude
    }
  }

  /// The elements, copied into an array.
  public var array: [Float] { Array(buffer) }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Relative L2 error ‖a − b‖ / ‖b‖ of `a` against the reference `b`; NaN
/// (or infinity) anywhere in `a` gives infinity.
public func relativeL2Error(_ a: UnsafeBufferPointer<Float>, reference b: UnsafeBufferPointer<Float>) -> Double {
  precondition(a.count == b.count)
  var num = 0.0
  var den = 0.0
  for i in 0..<a.count {
    let x = Double(a[i])
    let y = Double(b[i])
    guard x.isFinite else { return .infinity }
    num += (x - y) * (x - y)
    den += y * y
  }
  return den == 0 ? (num == 0 ? 0 : .infinity) : (num / den).squareRoot()
}
