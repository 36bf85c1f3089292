// netcost — Apache-2.0
//
// The innermost loops of NetCostProfile's CPU convolution kernels.
//
// Swift on Linux x86-64 compiles for the baseline instruction set (SSE2: no
// AVX, no FMA) and has no per-function target attribute, and the package
// may not use unsafe compiler flags. These few loops are therefore written
// in C with clang vector types and compiled twice from one source: once for
// AVX2+FMA (function target attributes, no flags) and once for the
// baseline. The first call picks the variant the processor supports;
// nc_set_level forces one (tests run both). Everything else (geometry,
// tiling, threads, BLAS calls) is Swift.
#ifndef CNETCOSTKERNELS_H
#define CNETCOSTKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels: 0 baseline (SSE2), 1 AVX2+FMA, 2 AVX-512F
/// (only the peak micro-benchmark has an AVX-512 variant; the kernels use
/// the AVX2 one there).
int nc_level(void);
/// The best level this processor supports.
int nc_supported_level(void);
/// Forces a level (clamped to what the processor supports); -1 restores
/// the best one. Returns the level now in force.
int nc_set_level(int level);
/// "sse2", "avx2+fma" or "avx512f" for a level.
const char *nc_level_name(int level);

/// Independent multiply-add chains on vector registers, `iterations` times
/// over 12 accumulators; returns the floating-point operations done
/// (2 per lane per multiply-add). `sink` receives a value that depends on
/// every accumulator so nothing is optimized away.
double nc_fma_peak(long iterations, float *sink);

/// STREAM triad a[i] = b[i] + s·c[i], i in [0, n).
void nc_triad(float *a, const float *b, const float *c, float s, long n);

/// Depthwise convolution of one channel plane (NCHW), no bias:
/// out[oy][ox] = Σ w[ky][kx] · in[oy·sh − pt + ky·dh][ox·sw − pl + kx·dw].
/// `scratch` holds at least nc_depthwise_scratch(...) floats.
void nc_depthwise_plane(const float *in, int h, int w, float *out, int oh, int ow,
                        const float *weights, int kh, int kw, int sh, int sw,
                        int dh, int dw, int pt, int pl, float *scratch);
/// Floats of scratch nc_depthwise_plane needs.
long nc_depthwise_scratch(int h, int w, int ow, int kw, int sw, int dw);

/// One group of a grouped convolution computed directly: cg input planes
/// (contiguous, h×w each) → mg output planes, weights [mg][cg][kh][kw].
/// Vectorized over output rows, 4 output channels at a time sharing each
/// input load. Needs kw ≤ 128 and nc_grouped_direct_scratch(...) floats.
void nc_grouped_direct(const float *in, int cg, int h, int w, float *out, int mg, int oh, int ow,
                       const float *weights, int kh, int kw, int sh, int sw, int dh, int dw,
                       int pt, int pl, float *scratch);
/// Floats of scratch nc_grouped_direct needs.
long nc_grouped_direct_scratch(int cg, int h, int w, int ow, int kw, int sw, int dw);

/// dst[j] = src[j·stride] for j in [0, n) (vector shuffles for strides 2
/// and 4); src is read only up to src[(n − 1)·stride].
void nc_copy_strided(float *dst, const float *src, long n, int stride);

/// C[M×N] = A[M×K]·B[K×N], row-major with leading dimensions; overwrites C.
/// For the small matrices of grouped convolutions (a few rows), where a
/// BLAS call costs more than it computes.
void nc_sgemm_small(int m, int n, int k, const float *a, int lda,
                    const float *b, int ldb, float *c, int ldc);

/// Floats nc_pack_a writes for an m × k matrix: rows rounded up to 6.
static inline long nc_packed_a_count(int m, int k) { return (long)((m + 5) / 6) * 6 * k; }

/// Packs A (m × k, row-major, leading dimension lda) for nc_sgemm_packed:
/// panels of 6 rows (the last padded with zeros), each stored k-major
/// (the 6 values of one column together).
void nc_pack_a(int m, int k, const float *a, long lda, float *ap);

/// C[m×n] = A·B with A packed by nc_pack_a and B (k × n, leading
/// dimension ldb) read in place; overwrites C. A 6×16 register tile, k cut
/// into slices of 256 so each slice of A stays in L2 and of B in L1. No
/// packing of B and nothing repacked per call: the GEMM of the Winograd,
/// 1×1 and im2col kernels where BLAS's per-call packing would cost more
/// than it saves.
void nc_sgemm_packed(int m, int n, int k, const float *ap, const float *b, long ldb,
                     float *c, long ldc);

/// Winograd F(m×m, 3×3), m = 2 or 4, α = m + 2. Weight transform of one
/// 3×3 filter g (row-major): u[ξ·stride] for ξ = 0…α²−1, u = G·g·Gᵀ.
void nc_wino_weight(int m, const float *g, float *u, long stride);

/// Input transform of one channel in several planes (one per image):
/// tile rows [ty0s[s], ty1s[s]) of planes[s] (h×w, padding pt/pl, tw tiles
/// per row), s = 0…nseg−1, numbered in that order: tile i writes its α²
/// values V = Bᵀ·d·B to v[ξ·xistride + i]. All the tiles are transformed
/// together, 8 per vector, however few each plane has.
void nc_wino_input(int m, const float *const *planes, const int *ty0s, const int *ty1s, int nseg,
                   int h, int w, int pt, int pl, int tw, float *v, long xistride, float *scratch);

/// Output transform: tile i of the same numbering reads mm[ξ·xistride + i]
/// and writes its m×m outputs Y = Aᵀ·M·A into its oh×ow plane (clipped).
void nc_wino_output(int m, const float *mm, long xistride, float *const *planes, const int *ty0s,
                    const int *ty1s, int nseg, int oh, int ow, int tw, float *scratch);

/// Floats of scratch either transform needs for `tiles` tiles in all.
long nc_wino_scratch(int m, long tiles, int tw);

#ifdef __cplusplus
}
#endif

#endif
