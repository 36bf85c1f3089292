// netcost — Apache-2.0
//
// Dispatch between the AVX2+FMA and baseline copies of kernels_body.h, and
// the peak micro-benchmark (which also has an AVX-512 copy).

#include "CNetCostKernels.h"

// 8-float vectors pass through the baseline copy's inlined helpers only.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float vf8 __attribute__((vector_size(32)));
typedef float vf16 __attribute__((vector_size(64)));

static inline long nc_round8(long x) { return (x + 7) & ~7L; }

#define NC(name) name##_base
#include "kernels_body.h"
#undef NC

#if defined(__x86_64__) || defined(__i386__)
#define NC_X86 1
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define NC(name) name##_avx2
#include "kernels_body.h"
#undef NC
#pragma clang attribute pop
#endif

// MARK: - Level selection

static int nc_forced = -1;

int nc_supported_level(void) {
#ifdef NC_X86
  static int cached = -1;
  int l = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (l >= 0) return l;
  __builtin_cpu_init();
  l = 0;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    l = 1;
    if (__builtin_cpu_supports("avx512f")) l = 2;
  }
  __atomic_store_n(&cached, l, __ATOMIC_RELAXED);
  return l;
#else
  return 0;
#endif
}

int nc_level(void) {
  int f = __atomic_load_n(&nc_forced, __ATOMIC_RELAXED);
  int s = nc_supported_level();
  return f >= 0 && f < s ? f : s;
}

int nc_set_level(int level) {
  __atomic_store_n(&nc_forced, level, __ATOMIC_RELAXED);
  return nc_level();
}

const char *nc_level_name(int level) {
  switch (level) {
  case 1: return "avx2+fma";
  case 2: return "avx512f";
  default: return "sse2";
  }
}

// The kernels: the AVX2 copy serves levels 1 and 2.
void nc_depthwise_plane(const float *in, int h, int w, float *out, int oh, int ow,
                        const float *weights, int kh, int kw, int sh, int sw,
                        int dh, int dw, int pt, int pl, float *scratch) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    depthwise_plane_avx2(in, h, w, out, oh, ow, weights, kh, kw, sh, sw, dh, dw, pt, pl, scratch);
    return;
  }
#endif
  depthwise_plane_base(in, h, w, out, oh, ow, weights, kh, kw, sh, sw, dh, dw, pt, pl, scratch);
}

long nc_depthwise_scratch(int h, int w, int ow, int kw, int sw, int dw) {
  (void)w;
  long qmax = ((long)(kw - 1) * dw) / sw;
  long jn = nc_round8(ow + qmax);
  return (long)h * sw * jn + (long)sw * jn + 16;
}

long nc_grouped_direct_scratch(int cg, int h, int w, int ow, int kw, int sw, int dw) {
  (void)w;
  long jn = nc_round8(ow + ((long)(kw - 1) * dw) / sw);
  return (long)cg * h * sw * jn + (long)sw * jn + 8 + nc_round8(ow) + 16;
}

void nc_grouped_direct(const float *in, int cg, int h, int w, float *out, int mg, int oh, int ow,
                       const float *weights, int kh, int kw, int sh, int sw, int dh, int dw,
                       int pt, int pl, float *scratch) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    grouped_direct_avx2(in, cg, h, w, out, mg, oh, ow, weights, kh, kw, sh, sw, dh, dw, pt, pl, scratch);
    return;
  }
#endif
  grouped_direct_base(in, cg, h, w, out, mg, oh, ow, weights, kh, kw, sh, sw, dh, dw, pt, pl, scratch);
}

void nc_sgemm_small(int m, int n, int k, const float *a, int lda,
                    const float *b, int ldb, float *c, int ldc) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    sgemm_small_avx2(m, n, k, a, lda, b, ldb, c, ldc);
    return;
  }
#endif
  sgemm_small_base(m, n, k, a, lda, b, ldb, c, ldc);
}

void nc_pack_a(int m, int k, const float *a, long lda, float *ap) {
  int panels = (m + 5) / 6;
  for (int pi = 0; pi < panels; pi++) {
    for (int p = 0; p < k; p++) {
      for (int r = 0; r < 6; r++) {
        int i = 6 * pi + r;
        ap[((long)pi * k + p) * 6 + r] = i < m ? a[(long)i * lda + p] : 0.0f;
      }
    }
  }
}

void nc_sgemm_packed(int m, int n, int k, const float *ap, const float *b, long ldb, float *c, long ldc) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    sgemm_packed_avx2(m, n, k, ap, b, ldb, c, ldc);
    return;
  }
#endif
  sgemm_packed_base(m, n, k, ap, b, ldb, c, ldc);
}

void nc_copy_strided(float *dst, const float *src, long n, int stride) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    copy_strided_avx2(dst, src, n, stride);
    return;
  }
#endif
  copy_strided_base(dst, src, n, stride);
}

void nc_triad(float *a, const float *b, const float *c, float s, long n) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    triad_avx2(a, b, c, s, n);
    return;
  }
#endif
  triad_base(a, b, c, s, n);
}

void nc_wino_input(int m, const float *const *planes, const int *ty0s, const int *ty1s, int nseg,
                   int h, int w, int pt, int pl, int tw, float *v, long xistride, float *scratch) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    wino_input_avx2(m, planes, ty0s, ty1s, nseg, h, w, pt, pl, tw, v, xistride, scratch);
    return;
  }
#endif
  wino_input_base(m, planes, ty0s, ty1s, nseg, h, w, pt, pl, tw, v, xistride, scratch);
}

void nc_wino_output(int m, const float *mm, long xistride, float *const *planes, const int *ty0s,
                    const int *ty1s, int nseg, int oh, int ow, int tw, float *scratch) {
#ifdef NC_X86
  if (nc_level() >= 1) {
    wino_output_avx2(m, mm, xistride, planes, ty0s, ty1s, nseg, oh, ow, tw, scratch);
    return;
  }
#endif
  wino_output_base(m, mm, xistride, planes, ty0s, ty1s, nseg, oh, ow, tw, scratch);
}

long nc_wino_scratch(int m, long tiles, int tw) {
  long a = m + 2;
  long ld = nc_round8(tiles);
  long in = a * a * ld;
  (void)tw;
  long out = (long)m * m * ld;
  return (in > out ? in : out) + 16;
}

void nc_wino_weight(int m, const float *g, float *u, long stride) {
  // u = G·g·Gᵀ with Lavin and Gray's G for F(2, 3) (4×3) or F(4, 3) (6×3).
  static const float G2[4][3] = {{1, 0, 0}, {0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f}, {0, 0, 1}};
  static const float G4[6][3] = {
    {1.0f / 4, 0, 0},
    {-1.0f / 6, -1.0f / 6, -1.0f / 6},
    {-1.0f / 6, 1.0f / 6, -1.0f / 6},
    {1.0f / 24, 1.0f / 12, 1.0f / 6},
    {1.0f / 24, -1.0f / 12, 1.0f / 6},
    {0, 0, 1},
  };
  const int a = m + 2;
  float t[6][3];
  for (int r = 0; r < a; r++) {
    const float *gr = m == 2 ? G2[r] : G4[r];
    for (int c = 0; c < 3; c++) t[r][c] = gr[0] * g[c] + gr[1] * g[3 + c] + gr[2] * g[6 + c];
  }
  for (int r = 0; r < a; r++) {
    for (int q = 0; q < a; q++) {
      const float *gq = m == 2 ? G2[q] : G4[q];
      u[(a * r + q) * stride] = t[r][0] * gq[0] + t[r][1] * gq[1] + t[r][2] * gq[2];
    }
  }
}

// MARK: - Peak

// Twelve independent chains: enough to cover the multiply-add latency
// (4 cycles) times the number of pipes (2) on current x86 cores.
#define PEAK_BODY(V, SPLAT)                                                              \
  float ms = nc_peak_m, ks = nc_peak_k;                                                   \
  V m = SPLAT(ms), k = SPLAT(ks);                                                         \
  V a0 = SPLAT(1.0f), a1 = SPLAT(1.1f), a2 = SPLAT(1.2f), a3 = SPLAT(1.3f), a4 = SPLAT(1.4f), \
    a5 = SPLAT(1.5f), a6 = SPLAT(1.6f), a7 = SPLAT(1.7f), a8 = SPLAT(1.8f), a9 = SPLAT(1.9f), \
    a10 = SPLAT(2.0f), a11 = SPLAT(2.1f);                                                  \
  for (long i = 0; i < iterations; i++) {                                                 \
    a0 = a0 * m + k; a1 = a1 * m + k; a2 = a2 * m + k; a3 = a3 * m + k;                     \
    a4 = a4 * m + k; a5 = a5 * m + k; a6 = a6 * m + k; a7 = a7 * m + k;                     \
    a8 = a8 * m + k; a9 = a9 * m + k; a10 = a10 * m + k; a11 = a11 * m + k;                 \
  }                                                                                       \
  V s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;                       \
  float r = 0;                                                                            \
  for (int l = 0; l < (int)(sizeof(V) / sizeof(float)); l++) r += s[l];                   \
  *sink = r;                                                                              \
  return 2.0 * 12.0 * (double)(sizeof(V) / sizeof(float)) * (double)iterations;

// Read through volatile so the compiler cannot fold the chains away.
static volatile float nc_peak_m = 0.999f, nc_peak_k = 0.001f;

#define SPLAT8(x) ((vf8){x, x, x, x, x, x, x, x})
#define SPLAT16(x) ((vf16){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x})

static double peak_base(long iterations, float *sink) { PEAK_BODY(vf8, SPLAT8) }

#ifdef NC_X86
__attribute__((target("avx2,fma"))) static double peak_avx2(long iterations, float *sink) {
  PEAK_BODY(vf8, SPLAT8)
}
__attribute__((target("avx512f"))) static double peak_avx512(long iterations, float *sink) {
  PEAK_BODY(vf16, SPLAT16)
}
#endif

double nc_fma_peak(long iterations, float *sink) {
#ifdef NC_X86
  switch (nc_level()) {
  case 2: return peak_avx512(iterations, sink);
  case 1: return peak_avx2(iterations, sink);
  default: break;
  }
#endif
  return peak_base(iterations, sink);
}
