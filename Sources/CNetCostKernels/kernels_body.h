// netcost — Apache-2.0
//
// Kernel bodies, included twice by kernels.c: NC(name) gives each copy its
// own names (name_avx2, name_base), and the AVX2 copy is compiled with the
// avx2,fma target attribute on every function. vf8 is 8 floats: one YMM
// register in the AVX2 copy, two XMM registers in the baseline one.

static inline vf8 NC(load8)(const float *p) {
  vf8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

static inline void NC(store8)(float *p, vf8 v) { __builtin_memcpy(p, &v, sizeof v); }

static inline vf8 NC(splat8)(float x) { return (vf8){x, x, x, x, x, x, x, x}; }

// dst[0, n) = row shifted right by `left` (row[x] at dst[x + left]), zeros
// where the row has no pixel.
static inline void NC(padded_row)(float *dst, const float *row, int w, int left, long n) {
  long j = 0;
  for (; j < n && j - left < 0; j++) dst[j] = 0;
  long jend = (long)w + left < n ? (long)w + left : n;
  // Rows are short (tens of floats): an inline vector copy beats a call.
  const float *src = row + (j - left);
  long len = jend - j, q = 0;
  for (; q + 8 <= len; q += 8) NC(store8)(dst + j + q, NC(load8)(src + q));
  for (; q < len; q++) dst[j + q] = src[q];
  if (len > 0) j = jend;
  for (; j < n; j++) dst[j] = 0;
}

// dst[j] = src[j·stride], j in [0, n): a plain copy for stride 1, even/odd
// shuffles for stride 2; src is read only up to src[(n − 1)·stride].
static void NC(copy_strided)(float *dst, const float *src, long n, int stride) {
  if (stride == 1) {
    __builtin_memcpy(dst, src, sizeof(float) * n);
    return;
  }
  long j = 0;
  if (stride == 2) {
    for (; j + 8 < n; j += 8) {
      vf8 lo = NC(load8)(src + 2 * j), hi = NC(load8)(src + 2 * j + 8);
      NC(store8)(dst + j, __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14));
    }
  } else if (stride == 4) {
    for (; j + 8 < n; j += 8) {
      const float *s = src + 4 * j;
      vf8 a = NC(load8)(s), b = NC(load8)(s + 8), c = NC(load8)(s + 16), d = NC(load8)(s + 24);
      vf8 ab = __builtin_shufflevector(a, b, 0, 4, 8, 12, 0, 4, 8, 12);
      vf8 cd = __builtin_shufflevector(c, d, 0, 4, 8, 12, 0, 4, 8, 12);
      NC(store8)(dst + j, __builtin_shufflevector(ab, cd, 0, 1, 2, 3, 8, 9, 10, 11));
    }
  }
  for (; j < n; j++) dst[j] = src[j * stride];
}

// MARK: - Depthwise

// Phase-split, zero-padded copy of an h×w plane: row iy, phase p holds
// P[j] = in[iy][sw·j + p − pl] for j in [0, jn) at dst + (iy·sw + p)·jn.
// tmp holds sw·jn floats.
static void NC(phase_split)(const float *in, int h, int w, int sw, int pl, long jn, float *dst, float *tmp) {
  (void)tmp;
  for (int iy = 0; iy < h; iy++) {
    const float *row = in + (long)iy * w;
    if (sw == 1) {
      NC(padded_row)(dst + (long)iy * jn, row, w, pl, jn);
      continue;
    }
    // Phase p: P[j] = row[sw·j + p − pl], inside the row for j in [lo, hi).
    for (int p = 0; p < sw; p++) {
      float *d = dst + ((long)iy * sw + p) * jn;
      long off = p - pl;
      long lo = off >= 0 ? 0 : (-off + sw - 1) / sw;
      long top = (long)w - 1 - off;
      long hi = top < 0 ? 0 : top / sw + 1;
      if (lo > jn) lo = jn;
      if (hi > jn) hi = jn;
      if (hi < lo) hi = lo;
      for (long j = 0; j < lo; j++) d[j] = 0;
      if (hi > lo) NC(copy_strided)(d + lo, row + sw * lo + off, hi - lo, sw);
      for (long j = hi; j < jn; j++) d[j] = 0;
    }
  }
}

static void NC(depthwise_plane)(const float *in, int h, int w, float *out, int oh, int ow,
                                const float *weights, int kh, int kw, int sh, int sw,
                                int dh, int dw, int pt, int pl, float *scratch) {
  // Phase-split, zero-padded copy of the plane: row iy, phase p holds
  // P[j] = in[iy][sw·j + p − pl], so every tap of a stride-sw window reads
  // a contiguous run: column sw·ox + kx·dw − pl is P_{p}[ox + q] with
  // q = kx·dw / sw, p = kx·dw % sw.
  const int qmax = ((kw - 1) * dw) / sw;
  const long jn = nc_round8(ow + qmax);
  NC(phase_split)(in, h, w, sw, pl, jn, scratch, scratch + (long)h * sw * jn);
  enum { MAXTAPS = 64 };
  const float *src[MAXTAPS];
  float wt[MAXTAPS];
  long koff[MAXTAPS];  // tap kx: phase (kx·dw) % sw, shift (kx·dw) / sw
  for (int kx = 0; kx < kw; kx++) koff[kx] = (long)((kx * dw) % sw) * jn + (kx * dw) / sw;
  for (int oy = 0; oy < oh; oy++) {
    float *orow = out + (long)oy * ow;
    int first = 1;
    int ntaps = 0;
    // Taps are gathered in chunks of MAXTAPS: the first chunk stores, the
    // rest accumulate. Rows outside the input contribute nothing.
    for (int ky = 0; ky <= kh; ky++) {
      int flush = (ky == kh) || ntaps + kw > MAXTAPS;
      if (flush && (ntaps > 0 || (ky == kh && first))) {
        int ox = 0;
        // Two accumulator sets (even and odd taps) so that the chains of
        // dependent multiply-adds are half as long.
        for (; ox + 32 <= ow; ox += 32) {
          vf8 z = NC(splat8)(0.0f);
          vf8 a0, a1, a2, a3, b0 = z, b1 = z, b2 = z, b3 = z;
          if (first) {
            a0 = a1 = a2 = a3 = z;
          } else {
            a0 = NC(load8)(orow + ox); a1 = NC(load8)(orow + ox + 8);
            a2 = NC(load8)(orow + ox + 16); a3 = NC(load8)(orow + ox + 24);
          }
          int t = 0;
          for (; t + 2 <= ntaps; t += 2) {
            vf8 wv = NC(splat8)(wt[t]), wu = NC(splat8)(wt[t + 1]);
            const float *s = src[t] + ox, *u = src[t + 1] + ox;
            a0 += wv * NC(load8)(s); a1 += wv * NC(load8)(s + 8);
            a2 += wv * NC(load8)(s + 16); a3 += wv * NC(load8)(s + 24);
            b0 += wu * NC(load8)(u); b1 += wu * NC(load8)(u + 8);
            b2 += wu * NC(load8)(u + 16); b3 += wu * NC(load8)(u + 24);
          }
          if (t < ntaps) {
            vf8 wv = NC(splat8)(wt[t]);
            const float *s = src[t] + ox;
            a0 += wv * NC(load8)(s); a1 += wv * NC(load8)(s + 8);
            a2 += wv * NC(load8)(s + 16); a3 += wv * NC(load8)(s + 24);
          }
          NC(store8)(orow + ox, a0 + b0); NC(store8)(orow + ox + 8, a1 + b1);
          NC(store8)(orow + ox + 16, a2 + b2); NC(store8)(orow + ox + 24, a3 + b3);
        }
        for (; ox + 16 <= ow; ox += 16) {
          vf8 z = NC(splat8)(0.0f);
          vf8 a0 = first ? z : NC(load8)(orow + ox), a1 = first ? z : NC(load8)(orow + ox + 8), b0 = z, b1 = z;
          int t = 0;
          for (; t + 2 <= ntaps; t += 2) {
            vf8 wv = NC(splat8)(wt[t]), wu = NC(splat8)(wt[t + 1]);
            a0 += wv * NC(load8)(src[t] + ox); a1 += wv * NC(load8)(src[t] + ox + 8);
            b0 += wu * NC(load8)(src[t + 1] + ox); b1 += wu * NC(load8)(src[t + 1] + ox + 8);
          }
          if (t < ntaps) {
            vf8 wv = NC(splat8)(wt[t]);
            a0 += wv * NC(load8)(src[t] + ox); a1 += wv * NC(load8)(src[t] + ox + 8);
          }
          NC(store8)(orow + ox, a0 + b0); NC(store8)(orow + ox + 8, a1 + b1);
        }
        for (; ox + 8 <= ow; ox += 8) {
          vf8 z = NC(splat8)(0.0f);
          vf8 a0 = first ? z : NC(load8)(orow + ox), b0 = z;
          int t = 0;
          for (; t + 2 <= ntaps; t += 2) {
            a0 += NC(splat8)(wt[t]) * NC(load8)(src[t] + ox);
            b0 += NC(splat8)(wt[t + 1]) * NC(load8)(src[t + 1] + ox);
          }
          if (t < ntaps) a0 += NC(splat8)(wt[t]) * NC(load8)(src[t] + ox);
          NC(store8)(orow + ox, a0 + b0);
        }
        for (; ox < ow; ox++) {
          float a = first ? 0.0f : orow[ox];
          for (int t = 0; t < ntaps; t++) a += wt[t] * src[t][ox];
          orow[ox] = a;
        }
        first = 0;
        ntaps = 0;
      }
      if (ky == kh) break;
      int iy = oy * sh - pt + ky * dh;
      if (iy < 0 || iy >= h) continue;
      const float *rowBase = scratch + (long)iy * sw * jn;
      for (int kx = 0; kx < kw; kx++) {
        src[ntaps] = rowBase + koff[kx];
        wt[ntaps] = weights[ky * kw + kx];
        ntaps++;
      }
    }
  }
}

// MARK: - Grouped, direct

// One group of a grouped convolution: cg input planes → mg output planes.
// The group's GEMM (mg × cg·kh·kw weights times the windows) is done
// without materializing the windows: the input planes are phase-split as
// for depthwise, and each tap's contiguous run of 16 outputs' inputs is
// loaded once and multiplied into 4 output channels' accumulators.
static void NC(grouped_direct)(const float *in, int cg, int h, int w, float *out, int mg, int oh, int ow,
                               const float *weights, int kh, int kw, int sh, int sw, int dh, int dw,
                               int pt, int pl, float *scratch) {
  const int qmax = ((kw - 1) * dw) / sw;
  const long jn = nc_round8(ow + qmax);
  const long planeScratch = (long)h * sw * jn;
  float *tmp = scratch + cg * planeScratch;
  float *dummy = tmp + (long)sw * jn + 8;  // output row of missing channels (ow floats)
  for (int c = 0; c < cg; c++) NC(phase_split)(in + (long)c * h * w, h, w, sw, pl, jn, scratch + c * planeScratch, tmp);
  enum { MAXTAPS = 128 };
  const float *src[MAXTAPS];
  float wt[MAXTAPS][4];
  const long taps = (long)kh * kw;
  for (int oc0 = 0; oc0 < mg; oc0 += 4) {
    int r = mg - oc0 < 4 ? mg - oc0 : 4;
    for (int oy = 0; oy < oh; oy++) {
      float *orow[4];
      for (int q = 0; q < 4; q++) orow[q] = q < r ? out + ((long)(oc0 + q) * oh + oy) * ow : dummy;
      int first = 1, ntaps = 0;
      for (int c = 0; c <= cg; c++) {
        for (int ky = 0; ky < kh || c == cg; ky++) {
          int last = c == cg;
          if (last || ntaps + kw > MAXTAPS) {
            if (ntaps > 0 || (last && first)) {
              int ox = 0;
              for (; ox + 16 <= ow; ox += 16) {
                vf8 a[4][2];
                for (int q = 0; q < 4; q++) {
                  if (first) { a[q][0] = a[q][1] = NC(splat8)(0.0f); }
                  else { a[q][0] = NC(load8)(orow[q] + ox); a[q][1] = NC(load8)(orow[q] + ox + 8); }
                }
                for (int t = 0; t < ntaps; t++) {
                  vf8 x0 = NC(load8)(src[t] + ox), x1 = NC(load8)(src[t] + ox + 8);
                  for (int q = 0; q < 4; q++) {
                    vf8 wv = NC(splat8)(wt[t][q]);
                    a[q][0] += wv * x0;
                    a[q][1] += wv * x1;
                  }
                }
                for (int q = 0; q < 4; q++) { NC(store8)(orow[q] + ox, a[q][0]); NC(store8)(orow[q] + ox + 8, a[q][1]); }
              }
              for (; ox + 8 <= ow; ox += 8) {
                vf8 a[4];
                for (int q = 0; q < 4; q++) a[q] = first ? NC(splat8)(0.0f) : NC(load8)(orow[q] + ox);
                for (int t = 0; t < ntaps; t++) {
                  vf8 x0 = NC(load8)(src[t] + ox);
                  for (int q = 0; q < 4; q++) a[q] += NC(splat8)(wt[t][q]) * x0;
                }
                for (int q = 0; q < 4; q++) NC(store8)(orow[q] + ox, a[q]);
              }
              for (; ox < ow; ox++) {
                float a[4];
                for (int q = 0; q < 4; q++) a[q] = first ? 0.0f : orow[q][ox];
                for (int t = 0; t < ntaps; t++) {
                  float x = src[t][ox];
                  for (int q = 0; q < 4; q++) a[q] += wt[t][q] * x;
                }
                for (int q = 0; q < 4; q++) orow[q][ox] = a[q];
              }
              first = 0;
              ntaps = 0;
            }
            if (last) break;
          }
          int iy = oy * sh - pt + ky * dh;
          if (iy < 0 || iy >= h) continue;
          const float *plane = scratch + c * planeScratch;
          for (int kx = 0; kx < kw; kx++) {
            int off = kx * dw;
            src[ntaps] = plane + ((long)iy * sw + off % sw) * jn + off / sw;
            for (int q = 0; q < 4; q++) wt[ntaps][q] = q < r ? weights[(((long)(oc0 + q) * cg + c) * taps) + ky * kw + kx] : 0.0f;
            ntaps++;
          }
        }
        if (c == cg) break;
      }
    }
  }
}

// MARK: - Small GEMM

static void NC(sgemm_small)(int m, int n, int k, const float *a, int lda,
                            const float *b, int ldb, float *c, int ldc) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const float *a0 = a + (long)i * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
    float *c0 = c + (long)i * ldc, *c1 = c0 + ldc, *c2 = c1 + ldc, *c3 = c2 + ldc;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      vf8 z = NC(splat8)(0.0f);
      vf8 s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z;
      const float *bp = b + j;
      for (int p = 0; p < k; p++, bp += ldb) {
        vf8 b0 = NC(load8)(bp), b1 = NC(load8)(bp + 8);
        vf8 x = NC(splat8)(a0[p]);
        s00 += x * b0; s01 += x * b1;
        x = NC(splat8)(a1[p]);
        s10 += x * b0; s11 += x * b1;
        x = NC(splat8)(a2[p]);
        s20 += x * b0; s21 += x * b1;
        x = NC(splat8)(a3[p]);
        s30 += x * b0; s31 += x * b1;
      }
      NC(store8)(c0 + j, s00); NC(store8)(c0 + j + 8, s01);
      NC(store8)(c1 + j, s10); NC(store8)(c1 + j + 8, s11);
      NC(store8)(c2 + j, s20); NC(store8)(c2 + j + 8, s21);
      NC(store8)(c3 + j, s30); NC(store8)(c3 + j + 8, s31);
    }
    for (; j < n; j++) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int p = 0; p < k; p++) {
        float bv = b[(long)p * ldb + j];
        s0 += a0[p] * bv; s1 += a1[p] * bv; s2 += a2[p] * bv; s3 += a3[p] * bv;
      }
      c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3;
    }
  }
  for (; i < m; i++) {
    const float *ar = a + (long)i * lda;
    float *cr = c + (long)i * ldc;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      vf8 s0 = NC(splat8)(0.0f), s1 = s0;
      const float *bp = b + j;
      for (int p = 0; p < k; p++, bp += ldb) {
        vf8 x = NC(splat8)(ar[p]);
        s0 += x * NC(load8)(bp);
        s1 += x * NC(load8)(bp + 8);
      }
      NC(store8)(cr + j, s0); NC(store8)(cr + j + 8, s1);
    }
    for (; j < n; j++) {
      float s = 0;
      for (int p = 0; p < k; p++) s += ar[p] * b[(long)p * ldb + j];
      cr[j] = s;
    }
  }
}

// MARK: - GEMM with a pre-packed left operand

// C[0..mv)[0..16) (+)= Ap(6×k) · B(k×16): 12 accumulators, 2 loads of B
// and 6 broadcasts of A per step of k.
static inline void NC(panel6x16)(int mv, int k, const float *ap, const float *b, long ldb,
                                 float *c, long ldc, int add) {
  vf8 z = NC(splat8)(0.0f);
  vf8 c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
  vf8 c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
  for (int p = 0; p < k; p++, ap += 6, b += ldb) {
    vf8 b0 = NC(load8)(b), b1 = NC(load8)(b + 8);
    vf8 x = NC(splat8)(ap[0]);
    c00 += x * b0; c01 += x * b1;
    x = NC(splat8)(ap[1]);
    c10 += x * b0; c11 += x * b1;
    x = NC(splat8)(ap[2]);
    c20 += x * b0; c21 += x * b1;
    x = NC(splat8)(ap[3]);
    c30 += x * b0; c31 += x * b1;
    x = NC(splat8)(ap[4]);
    c40 += x * b0; c41 += x * b1;
    x = NC(splat8)(ap[5]);
    c50 += x * b0; c51 += x * b1;
  }
  vf8 rows[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  for (int r = 0; r < mv; r++) {
    float *cr = c + r * ldc;
    if (add) {
      NC(store8)(cr, NC(load8)(cr) + rows[r][0]);
      NC(store8)(cr + 8, NC(load8)(cr + 8) + rows[r][1]);
    } else {
      NC(store8)(cr, rows[r][0]);
      NC(store8)(cr + 8, rows[r][1]);
    }
  }
}

// The same for the last nv < 16 columns: 8 at a time, then one by one.
static void NC(panel6xn)(int mv, int nv, int k, const float *ap, const float *b, long ldb,
                         float *c, long ldc, int add) {
  int j = 0;
  if (nv >= 8) {
    vf8 z = NC(splat8)(0.0f);
    vf8 acc[6] = {z, z, z, z, z, z};
    const float *a = ap, *bp = b;
    for (int p = 0; p < k; p++, a += 6, bp += ldb) {
      vf8 b0 = NC(load8)(bp);
      for (int r = 0; r < 6; r++) acc[r] += NC(splat8)(a[r]) * b0;
    }
    for (int r = 0; r < mv; r++) {
      float *cr = c + r * ldc;
      NC(store8)(cr, add ? NC(load8)(cr) + acc[r] : acc[r]);
    }
    j = 8;
  }
  for (; j < nv; j++) {
    float acc[6] = {0, 0, 0, 0, 0, 0};
    const float *a = ap, *bp = b + j;
    for (int p = 0; p < k; p++, a += 6, bp += ldb) {
      float bv = *bp;
      for (int r = 0; r < 6; r++) acc[r] += a[r] * bv;
    }
    for (int r = 0; r < mv; r++) c[r * ldc + j] = add ? c[r * ldc + j] + acc[r] : acc[r];
  }
}

static void NC(sgemm_packed)(int m, int n, int k, const float *ap, const float *b, long ldb,
                             float *c, long ldc) {
  const int panels = (m + 5) / 6;
  // Goto's blocking: a k-slice of 256 and a block of 32 row panels (192
  // rows) of A (192 KB) stay in L2 while every 16-column panel of B's
  // k-slice (16 KB, L1) passes through the 6×16 register tile.
  const int kc = 256, mcp = 32;
  for (int k0 = 0; k0 < k; k0 += kc) {
    int kn = k - k0 < kc ? k - k0 : kc;
    int add = k0 > 0;
    const float *bk = b + (long)k0 * ldb;
    for (int p0 = 0; p0 < panels; p0 += mcp) {
      int p1 = p0 + mcp < panels ? p0 + mcp : panels;
      int j = 0;
      for (; j + 16 <= n; j += 16) {
        for (int pi = p0; pi < p1; pi++) {
          int mv = m - 6 * pi < 6 ? m - 6 * pi : 6;
          NC(panel6x16)(mv, kn, ap + ((long)pi * k + k0) * 6, bk + j, ldb, c + (long)6 * pi * ldc + j, ldc, add);
        }
      }
      if (j < n) {
        for (int pi = p0; pi < p1; pi++) {
          int mv = m - 6 * pi < 6 ? m - 6 * pi : 6;
          NC(panel6xn)(mv, n - j, kn, ap + ((long)pi * k + k0) * 6, bk + j, ldb, c + (long)6 * pi * ldc + j, ldc, add);
        }
      }
    }
  }
}

// MARK: - Winograd F(m×m, 3×3), m = 2 or 4

// 1-D transforms of F(2, 3): input Bᵀ·d (4 → 4), output Aᵀ·m (4 → 2).
#define NC_F23_IN(d0, d1, d2, d3, t) \
  do { t[0] = d0 - d2; t[1] = d1 + d2; t[2] = d2 - d1; t[3] = d1 - d3; } while (0)
#define NC_F23_OUT(m0, m1, m2, m3, y) \
  do { y[0] = m0 + m1 + m2; y[1] = m1 - m2 - m3; } while (0)

// 1-D transforms of F(4, 3) (Lavin and Gray's points 0, ±1, ±2): input
// Bᵀ·d (6 → 6), output Aᵀ·m (6 → 4).
#define NC_F43_IN(d0, d1, d2, d3, d4, d5, t)  \
  do {                                         \
    t[0] = 4.0f * d0 - 5.0f * d2 + d4;         \
    t[1] = -4.0f * (d1 + d2) + d3 + d4;        \
    t[2] = 4.0f * (d1 - d2) - d3 + d4;         \
    t[3] = 2.0f * (d3 - d1) - d2 + d4;         \
    t[4] = 2.0f * (d1 - d3) - d2 + d4;         \
    t[5] = 4.0f * d1 - 5.0f * d3 + d5;         \
  } while (0)
#define NC_F43_OUT(m0, m1, m2, m3, m4, m5, y) \
  do {                                         \
    y[0] = m0 + m1 + m2 + m3 + m4;             \
    y[1] = m1 - m2 + 2.0f * (m3 - m4);         \
    y[2] = m1 + m2 + 4.0f * (m3 + m4);         \
    y[3] = m1 - m2 + 8.0f * (m3 - m4) + m5;    \
  } while (0)

// Input transform of tile rows [ty0, ty1) of one channel plane. First the
// (m+2)² window positions of every tile are gathered into D[r][q][i]
// (i: tile of the range, row-major), strided copies from zero-padded rows;
// then the transform runs on 8 tiles at a time whatever the row length.
static void NC(wino_input)(int m, const float *const *planes, const int *ty0s, const int *ty1s, int nseg,
                           int h, int w, int pt, int pl, int tw, float *v, long xs, float *scratch) {
  const int a = m + 2;
  long T = 0;
  for (int sgi = 0; sgi < nseg; sgi++) T += (long)(ty1s[sgi] - ty0s[sgi]) * tw;
  const long ld = nc_round8(T);
  float *D = scratch;
  // Tile tx reads column m·tx + q − pl of its window: inside the image for
  // tx in [lo[q], hi[q]), zero padding outside.
  int lo[6], hi[6];
  for (int q = 0; q < a; q++) {
    int off = q - pl;
    int l = off >= 0 ? 0 : (-off + m - 1) / m;
    int top = w - 1 - off;
    int u = top < 0 ? 0 : top / m + 1;
    lo[q] = l < tw ? l : tw;
    hi[q] = u < tw ? (u > lo[q] ? u : lo[q]) : tw;
  }
  long off = 0;
  for (int sgi = 0; sgi < nseg; sgi++)
  for (int ty = ty0s[sgi]; ty < ty1s[sgi]; ty++, off += tw) {
    const float *plane = planes[sgi];
    for (int r = 0; r < a; r++) {
      int y = m * ty - pt + r;
      float *dr = D + (long)r * a * ld + off;
      if (y < 0 || y >= h) {
        for (int q = 0; q < a; q++)
          for (int j = 0; j < tw; j++) dr[q * ld + j] = 0;
        continue;
      }
      const float *row = plane + (long)y * w - pl;
      for (int q = 0; q < a; q++) {
        float *d = dr + q * ld;
        int j = 0;
        for (; j < lo[q]; j++) d[j] = 0;
        if (m == 2) {
          for (; j < hi[q]; j++) d[j] = row[2 * j + q];
        } else {
          for (; j < hi[q]; j++) d[j] = row[4 * j + q];
        }
        for (; j < tw; j++) d[j] = 0;
      }
    }
  }
#define D8(r, q) NC(load8)(D + ((r) * a + (q)) * ld + i)
#define DS(r, q) D[((r) * a + (q)) * ld + i]
  long i = 0;
  if (m == 2) {
    for (; i + 8 <= T; i += 8) {
      vf8 t[4][4];
      for (int q = 0; q < 4; q++) {
        vf8 c[4];
        NC_F23_IN(D8(0, q), D8(1, q), D8(2, q), D8(3, q), c);
        for (int r = 0; r < 4; r++) t[r][q] = c[r];
      }
      for (int r = 0; r < 4; r++) {
        vf8 o[4];
        NC_F23_IN(t[r][0], t[r][1], t[r][2], t[r][3], o);
        for (int q = 0; q < 4; q++) NC(store8)(v + (4 * r + q) * xs + i, o[q]);
      }
    }
    for (; i < T; i++) {
      float t[4][4];
      for (int q = 0; q < 4; q++) {
        float c[4];
        NC_F23_IN(DS(0, q), DS(1, q), DS(2, q), DS(3, q), c);
        for (int r = 0; r < 4; r++) t[r][q] = c[r];
      }
      for (int r = 0; r < 4; r++) {
        float o[4];
        NC_F23_IN(t[r][0], t[r][1], t[r][2], t[r][3], o);
        for (int q = 0; q < 4; q++) v[(4 * r + q) * xs + i] = o[q];
      }
    }
  } else {
    for (; i + 8 <= T; i += 8) {
      vf8 t[6][6];
      for (int q = 0; q < 6; q++) {
        vf8 c[6];
        NC_F43_IN(D8(0, q), D8(1, q), D8(2, q), D8(3, q), D8(4, q), D8(5, q), c);
        for (int r = 0; r < 6; r++) t[r][q] = c[r];
      }
      for (int r = 0; r < 6; r++) {
        vf8 o[6];
        NC_F43_IN(t[r][0], t[r][1], t[r][2], t[r][3], t[r][4], t[r][5], o);
        for (int q = 0; q < 6; q++) NC(store8)(v + (6 * r + q) * xs + i, o[q]);
      }
    }
    for (; i < T; i++) {
      float t[6][6];
      for (int q = 0; q < 6; q++) {
        float c[6];
        NC_F43_IN(DS(0, q), DS(1, q), DS(2, q), DS(3, q), DS(4, q), DS(5, q), c);
        for (int r = 0; r < 6; r++) t[r][q] = c[r];
      }
      for (int r = 0; r < 6; r++) {
        float o[6];
        NC_F43_IN(t[r][0], t[r][1], t[r][2], t[r][3], t[r][4], t[r][5], o);
        for (int q = 0; q < 6; q++) v[(6 * r + q) * xs + i] = o[q];
      }
    }
  }
#undef D8
#undef DS
}

// Output transform: the m×m outputs of 8 tiles at a time go to Y[p][q][i],
// then each output row is written from Y, interleaving the m columns of 8
// tiles with shuffles where a whole group fits in the row.
static void NC(wino_output)(int m, const float *mm, long xs, float *const *planes, const int *ty0s,
                            const int *ty1s, int nseg, int oh, int ow, int tw, float *scratch) {
  long T = 0;
  for (int sgi = 0; sgi < nseg; sgi++) T += (long)(ty1s[sgi] - ty0s[sgi]) * tw;
  const long ld = nc_round8(T);
  float *Y = scratch;
#define M8(k) NC(load8)(mm + (k) * xs + i)
#define MS(k) mm[(k) * xs + i]
  long i = 0;
  if (m == 2) {
    for (; i + 8 <= T; i += 8) {
      vf8 s[2][4];
      for (int q = 0; q < 4; q++) {
        vf8 y[2];
        NC_F23_OUT(M8(q), M8(4 + q), M8(8 + q), M8(12 + q), y);
        s[0][q] = y[0]; s[1][q] = y[1];
      }
      for (int p = 0; p < 2; p++) {
        vf8 y[2];
        NC_F23_OUT(s[p][0], s[p][1], s[p][2], s[p][3], y);
        NC(store8)(Y + (2 * p + 0) * ld + i, y[0]);
        NC(store8)(Y + (2 * p + 1) * ld + i, y[1]);
      }
    }
    for (; i < T; i++) {
      float s[2][4];
      for (int q = 0; q < 4; q++) {
        float y[2];
        NC_F23_OUT(MS(q), MS(4 + q), MS(8 + q), MS(12 + q), y);
        s[0][q] = y[0]; s[1][q] = y[1];
      }
      for (int p = 0; p < 2; p++) {
        float y[2];
        NC_F23_OUT(s[p][0], s[p][1], s[p][2], s[p][3], y);
        Y[(2 * p + 0) * ld + i] = y[0];
        Y[(2 * p + 1) * ld + i] = y[1];
      }
    }
  } else {
    for (; i + 8 <= T; i += 8) {
      vf8 s[4][6];
      for (int q = 0; q < 6; q++) {
        vf8 y[4];
        NC_F43_OUT(M8(q), M8(6 + q), M8(12 + q), M8(18 + q), M8(24 + q), M8(30 + q), y);
        for (int p = 0; p < 4; p++) s[p][q] = y[p];
      }
      for (int p = 0; p < 4; p++) {
        vf8 y[4];
        NC_F43_OUT(s[p][0], s[p][1], s[p][2], s[p][3], s[p][4], s[p][5], y);
        for (int q = 0; q < 4; q++) NC(store8)(Y + (4 * p + q) * ld + i, y[q]);
      }
    }
    for (; i < T; i++) {
      float s[4][6];
      for (int q = 0; q < 6; q++) {
        float y[4];
        NC_F43_OUT(MS(q), MS(6 + q), MS(12 + q), MS(18 + q), MS(24 + q), MS(30 + q), y);
        for (int p = 0; p < 4; p++) s[p][q] = y[p];
      }
      for (int p = 0; p < 4; p++) {
        float y[4];
        NC_F43_OUT(s[p][0], s[p][1], s[p][2], s[p][3], s[p][4], s[p][5], y);
        for (int q = 0; q < 4; q++) Y[(4 * p + q) * ld + i] = y[q];
      }
    }
  }
#undef M8
#undef MS
  long off = 0;
  for (int sgi = 0; sgi < nseg; sgi++)
  for (int ty = ty0s[sgi]; ty < ty1s[sgi]; ty++, off += tw) {
    float *plane = planes[sgi];
    const int y0 = m * ty;
    const int rows = oh - y0 < m ? oh - y0 : m;
    for (int p = 0; p < rows; p++) {
      float *o = plane + (long)(y0 + p) * ow;
      const float *yp = Y + (long)(m * p) * ld + off;
      int tx = 0;
      if (m == 2) {
        for (; tx + 8 <= tw && 2 * tx + 16 <= ow; tx += 8) {
          vf8 c0 = NC(load8)(yp + tx), c1 = NC(load8)(yp + ld + tx);
          NC(store8)(o + 2 * tx, __builtin_shufflevector(c0, c1, 0, 8, 1, 9, 2, 10, 3, 11));
          NC(store8)(o + 2 * tx + 8, __builtin_shufflevector(c0, c1, 4, 12, 5, 13, 6, 14, 7, 15));
        }
      } else {
        for (; tx + 8 <= tw && 4 * tx + 32 <= ow; tx += 8) {
          vf8 c0 = NC(load8)(yp + tx), c1 = NC(load8)(yp + ld + tx);
          vf8 c2 = NC(load8)(yp + 2 * ld + tx), c3 = NC(load8)(yp + 3 * ld + tx);
          vf8 e = __builtin_shufflevector(c0, c1, 0, 8, 1, 9, 2, 10, 3, 11);
          vf8 f = __builtin_shufflevector(c0, c1, 4, 12, 5, 13, 6, 14, 7, 15);
          vf8 g = __builtin_shufflevector(c2, c3, 0, 8, 1, 9, 2, 10, 3, 11);
          vf8 k = __builtin_shufflevector(c2, c3, 4, 12, 5, 13, 6, 14, 7, 15);
          float *d = o + 4 * tx;
          NC(store8)(d, __builtin_shufflevector(e, g, 0, 1, 8, 9, 2, 3, 10, 11));
          NC(store8)(d + 8, __builtin_shufflevector(e, g, 4, 5, 12, 13, 6, 7, 14, 15));
          NC(store8)(d + 16, __builtin_shufflevector(f, k, 0, 1, 8, 9, 2, 3, 10, 11));
          NC(store8)(d + 24, __builtin_shufflevector(f, k, 4, 5, 12, 13, 6, 7, 14, 15));
        }
      }
      for (; tx < tw; tx++) {
        int x0 = m * tx;
        int cols = ow - x0 < m ? ow - x0 : m;
        for (int q = 0; q < cols; q++) o[x0 + q] = yp[q * ld + tx];
      }
    }
  }
}

// MARK: - Machine measurements

static void NC(triad)(float *a, const float *b, const float *c, float s, long n) {
  long i = 0;
  vf8 sv = NC(splat8)(s);
  for (; i + 32 <= n; i += 32) {
    NC(store8)(a + i, NC(load8)(b + i) + sv * NC(load8)(c + i));
    NC(store8)(a + i + 8, NC(load8)(b + i + 8) + sv * NC(load8)(c + i + 8));
    NC(store8)(a + i + 16, NC(load8)(b + i + 16) + sv * NC(load8)(c + i + 16));
    NC(store8)(a + i + 24, NC(load8)(b + i + 24) + sv * NC(load8)(c + i + 24));
  }
  for (; i < n; i++) a[i] = b[i] + s * c[i];
}
