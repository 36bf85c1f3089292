// netcost — Apache-2.0

/// The CUDA C source of netcost's GPU kernels, compiled at run time by
/// NVRTC for the device found (`--gpu-architecture=sm_XY`).
///
/// The source sticks to the part of CUDA C++ that a plain C++ compiler
/// accepts once `__global__`, `__shared__`, `__syncthreads` and the index
/// variables are defined: the tests compile it with g++ (or clang) and a
/// small emulation header, run every kernel on the CPU and compare it with
/// the CPU reference, and check it with clang's own CUDA front end. So:
/// no intrinsics, no warp functions, no dynamic shared memory, no
/// `min`/`max`, and every kernel `extern "C"` so that its name is its symbol.
public enum GPUKernels {
  /// The fields of the `ConvShape` struct every conv kernel takes by value,
  /// in order; each a 32-bit int, so the struct is these ints back to back
  /// (no padding) and a Swift `[Int32]` in this order is its bytes.
  public static let shapeFields = [
    "n", "c", "h", "w", "k", "oh", "ow", "kh", "kw", "sh", "sw", "dh", "dw", "pt", "pl", "g", "cg", "kg",
  ]

  /// `ConvShape` of a problem, as `shapeFields` orders it.
  public static func shape(_ p: ConvProblem) -> [Int32] {
    [
      p.batch, p.inChannels, p.height, p.width, p.outChannels, p.outHeight, p.outWidth, p.kernelH, p.kernelW,
      p.strideH, p.strideW, p.dilationH, p.dilationW, p.padTop, p.padLeft, p.groups, p.inPerGroup, p.outPerGroup,
    ]
    .map { Int32(truncatingIfNeeded: $0) }
  }

  /// Threads per block of the grid-stride kernels.
  public static let blockSize = 256
  /// The implicit-GEMM tile: BM output channels × BN output positions, a
  /// reduction slice of BK, 256 threads each computing 4×4 outputs.
  public static let tile = (m: 64, n: 64, k: 16, threads: 256)

  /// The launch that fills the `.output` buffer's first `count` floats
  /// with pseudo-random values in ±[0.1, 1) (`nc_fill_random`).
  public static func fillRandom(count: Int, seed: UInt32) -> GPULaunch {
    GPUConvAlgorithm.gridStride(
      "nc_fill_random", total: count,
      [.pointer(GPUOperand(.output)), .int64(Int64(count)), .uint32(seed)])
  }

  /// Every kernel in `source`.
  public static let names = [
    "nc_direct", "nc_depthwise", "nc_im2col", "nc_implicit_gemm", "nc_fill_random",
  ]

  /// The kernels.
  public static let source = #"""
    // netcost GPU kernels. NCHW input, OIHW weights, NCHW output, float32,
    // no bias. Compiled at run time by NVRTC; see GPUKernels.swift.

    struct ConvShape {
      int n, c, h, w;   // input: batch, channels, height, width
      int k, oh, ow;    // output: channels, height, width
      int kh, kw;       // kernel
      int sh, sw;       // stride
      int dh, dw;       // dilation
      int pt, pl;       // zero padding above and on the left
      int g, cg, kg;    // groups; input and output channels per group
    };

    // One thread per output element (grid-stride): the sum over its group's
    // input channels and the kernel taps that fall inside the image.
    extern "C" __global__ void nc_direct(const float* __restrict__ x, const float* __restrict__ w,
                                         float* __restrict__ y, const ConvShape s) {
      const long long total = (long long)s.n * s.k * s.oh * s.ow;
      const long long step = (long long)gridDim.x * blockDim.x;
      for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += step) {
        const int ox = (int)(i % s.ow);
        long long t = i / s.ow;
        const int oy = (int)(t % s.oh);
        t /= s.oh;
        const int oc = (int)(t % s.k);
        const int n = (int)(t / s.k);
        const int g = oc / s.kg;
        const int iy0 = oy * s.sh - s.pt, ix0 = ox * s.sw - s.pl;
        const float* wp = w + (long long)oc * s.cg * s.kh * s.kw;
        float acc = 0.0f;
        for (int ci = 0; ci < s.cg; ++ci) {
          const float* xp = x + ((long long)n * s.c + (long long)g * s.cg + ci) * s.h * s.w;
          for (int ky = 0; ky < s.kh; ++ky) {
            const int iy = iy0 + ky * s.dh;
            if (iy < 0 || iy >= s.h) continue;
            for (int kx = 0; kx < s.kw; ++kx) {
              const int ix = ix0 + kx * s.dw;
              if (ix < 0 || ix >= s.w) continue;
              acc += xp[(long long)iy * s.w + ix] * wp[(ci * s.kh + ky) * s.kw + kx];
            }
          }
        }
        y[i] = acc;
      }
    }

    // Depthwise (groups = input channels, any channel multiplier s.kg): one
    // thread per output element; output channel oc reads input channel oc / kg.
    extern "C" __global__ void nc_depthwise(const float* __restrict__ x, const float* __restrict__ w,
                                            float* __restrict__ y, const ConvShape s) {
      const long long total = (long long)s.n * s.k * s.oh * s.ow;
      const long long step = (long long)gridDim.x * blockDim.x;
      for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += step) {
        const int ox = (int)(i % s.ow);
        long long t = i / s.ow;
        const int oy = (int)(t % s.oh);
        t /= s.oh;
        const int oc = (int)(t % s.k);
        const int n = (int)(t / s.k);
        const int iy0 = oy * s.sh - s.pt, ix0 = ox * s.sw - s.pl;
        const float* xp = x + ((long long)n * s.c + oc / s.kg) * s.h * s.w;
        const float* wp = w + (long long)oc * s.kh * s.kw;
        float acc = 0.0f;
        for (int ky = 0; ky < s.kh; ++ky) {
          const int iy = iy0 + ky * s.dh;
          if (iy < 0 || iy >= s.h) continue;
          for (int kx = 0; kx < s.kw; ++kx) {
            const int ix = ix0 + kx * s.dw;
            if (ix < 0 || ix >= s.w) continue;
            acc += xp[(long long)iy * s.w + ix] * wp[ky * s.kw + kx];
          }
        }
        y[i] = acc;
      }
    }

    // im2col for images n0 … n0+count−1: for each image and group, a matrix
    // of cg·kh·kw rows (ci, ky, kx) by oh·ow columns, zeros where a tap
    // falls in the padding. Element i of col is
    // (((image − n0)·g + group)·(cg·kh·kw) + row)·(oh·ow) + column.
    extern "C" __global__ void nc_im2col(const float* __restrict__ x, float* __restrict__ col, const ConvShape s,
                                         const int n0, const int count) {
      const int rows = s.cg * s.kh * s.kw;
      const long long plane = (long long)s.oh * s.ow;
      const long long total = (long long)count * s.g * rows * plane;
      const long long step = (long long)gridDim.x * blockDim.x;
      for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += step) {
        const long long p = i % plane;
        long long t = i / plane;
        const int r = (int)(t % rows);
        t /= rows;
        const int g = (int)(t % s.g);
        const int n = n0 + (int)(t / s.g);
        const int kx = r % s.kw, ky = (r / s.kw) % s.kh, ci = r / (s.kw * s.kh);
        const int oy = (int)(p / s.ow), ox = (int)(p % s.ow);
        const int iy = oy * s.sh - s.pt + ky * s.dh, ix = ox * s.sw - s.pl + kx * s.dw;
        float v = 0.0f;
        if (iy >= 0 && iy < s.h && ix >= 0 && ix < s.w)
          v = x[(((long long)n * s.c + (long long)g * s.cg + ci) * s.h + iy) * s.w + ix];
        col[i] = v;
      }
    }

    // Implicit GEMM in shared-memory tiles. Per group (blockIdx.z), the
    // output is a GEMM: rows = the group's kg output channels, columns =
    // every output position of every image (n·oh·ow), reduction = cg·kh·kw.
    // A block computes a 64×64 tile; each k-step loads a 64×16 slice of the
    // weights and a 16×64 slice of the im2col matrix, gathered straight from
    // the input, into shared memory; each of the 256 threads then
    // accumulates 4×4 outputs (rows ty+16i, columns tx+16j) in registers.
    #define NC_BM 64
    #define NC_BN 64
    #define NC_BK 16
    extern "C" __global__ void __launch_bounds__(256)
    nc_implicit_gemm(const float* __restrict__ x, const float* __restrict__ w, float* __restrict__ y,
                     const ConvShape s) {
      __shared__ float As[NC_BK][NC_BM + 4];
      __shared__ float Bs[NC_BK][NC_BN + 4];
      const int tid = threadIdx.x;
      const int tx = tid % 16, ty = tid / 16;
      const int g = blockIdx.z;
      const int m0 = blockIdx.y * NC_BM;
      const long long n0 = (long long)blockIdx.x * NC_BN;
      const int rows = s.cg * s.kh * s.kw;
      const long long plane = (long long)s.oh * s.ow;
      const long long cols = (long long)s.n * plane;

      // The im2col column this thread loads, the same at every k-step.
      const int bn = tid % NC_BN;
      const long long col = n0 + bn;
      const bool inside = col < cols;
      long long image = 0;
      int iy0 = 0, ix0 = 0;
      if (inside) {
        image = col / plane;
        const long long p = col % plane;
        iy0 = (int)(p / s.ow) * s.sh - s.pt;
        ix0 = (int)(p % s.ow) * s.sw - s.pl;
      }
      const float* xg = x + (image * s.c + (long long)g * s.cg) * s.h * s.w;
      const float* wg = w + (long long)g * s.kg * rows;

      float acc[4][4];
    #pragma unroll
      for (int i = 0; i < 4; ++i)
    #pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = 0.0f;

      for (int k0 = 0; k0 < rows; k0 += NC_BK) {
        // Weights: element e = tid + 256·l of the 64×16 slice, k fastest
        // (consecutive threads read consecutive weights).
    #pragma unroll
        for (int l = 0; l < 4; ++l) {
          const int e = tid + 256 * l;
          const int ak = e % NC_BK, am = e / NC_BK;
          const int m = m0 + am, r = k0 + ak;
          As[ak][am] = (m < s.kg && r < rows) ? wg[(long long)m * rows + r] : 0.0f;
        }
        // Input windows: rows tid/64 + 4·l of this thread's column.
    #pragma unroll
        for (int l = 0; l < 4; ++l) {
          const int bk = tid / NC_BN + 4 * l;
          const int r = k0 + bk;
          float v = 0.0f;
          if (inside && r < rows) {
            const int kx = r % s.kw, ky = (r / s.kw) % s.kh, ci = r / (s.kw * s.kh);
            const int iy = iy0 + ky * s.dh, ix = ix0 + kx * s.dw;
            if (iy >= 0 && iy < s.h && ix >= 0 && ix < s.w) v = xg[((long long)ci * s.h + iy) * s.w + ix];
          }
          Bs[bk][bn] = v;
        }
        __syncthreads();
    #pragma unroll
        for (int q = 0; q < NC_BK; ++q) {
          float a[4], b[4];
    #pragma unroll
          for (int i = 0; i < 4; ++i) a[i] = As[q][ty + 16 * i];
    #pragma unroll
          for (int j = 0; j < 4; ++j) b[j] = Bs[q][tx + 16 * j];
    #pragma unroll
          for (int i = 0; i < 4; ++i)
    #pragma unroll
            for (int j = 0; j < 4; ++j) acc[i][j] += a[i] * b[j];
        }
        __syncthreads();
      }

    #pragma unroll
      for (int i = 0; i < 4; ++i) {
        const int m = m0 + ty + 16 * i;
    #pragma unroll
        for (int j = 0; j < 4; ++j) {
          const long long c = n0 + tx + 16 * j;
          if (m < s.kg && c < cols) {
            const long long img = c / plane, p = c % plane;
            y[(img * s.k + (long long)g * s.kg + m) * plane + p] = acc[i][j];
          }
        }
      }
    }

    // Fills p[0…count) with pseudo-random values in ±[0.1, 1) (never zero:
    // zeros can run faster than real data), for the peak measurement.
    extern "C" __global__ void nc_fill_random(float* __restrict__ p, const long long count, const unsigned seed) {
      const long long step = (long long)gridDim.x * blockDim.x;
      for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += step) {
        unsigned h = (unsigned)i * 2654435761u ^ seed;
        h ^= h >> 16; h *= 0x7feb352du; h ^= h >> 15; h *= 0x846ca68bu; h ^= h >> 16;
        const float magnitude = 0.1f + 0.9f * (float)(h >> 8) * (1.0f / 16777216.0f);
        p[i] = (h & 1u) ? -magnitude : magnitude;
      }
    }
    """#
}
