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
  if (jend > j) {
    __builtin_memcpy(dst + j, row + (j - left), sizeof(float) * (jend - j));
    j = jend;
  }
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
  const long tn = (long)sw * jn;
  for (int iy = 0; iy < h; iy++) {
    const float *row = in + (long)iy * w;
    if (sw == 1) {
      NC(padded_row)(dst + (long)iy * jn, row, w, pl, jn);
      continue;
    }
    NC(padded_row)(tmp, row, w, pl, tn);
    for (int p = 0; p < sw; p++) NC(copy_strided)(dst + ((long)iy * sw + p) * jn, tmp + p, jn, sw);
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
        for (; ox + 32 <= ow; ox += 32) {
          vf8 a0, a1, a2, a3;
          if (first) {
            a0 = a1 = a2 = a3 = NC(splat8)(0.0f);
          } else {
            a0 = NC(load8)(orow + ox); a1 = NC(load8)(orow + ox + 8);
            a2 = NC(load8)(orow + ox + 16); a3 = NC(load8)(orow + ox + 24);
          }
          for (int t = 0; t < ntaps; t++) {
            vf8 wv = NC(splat8)(wt[t]);
            const float *s = src[t] + ox;
            a0 += wv * NC(load8)(s);
            a1 += wv * NC(load8)(s + 8);
            a2 += wv * NC(load8)(s + 16);
            a3 += wv * NC(load8)(s + 24);
          }
          NC(store8)(orow + ox, a0); NC(store8)(orow + ox + 8, a1);
          NC(store8)(orow + ox + 16, a2); NC(store8)(orow + ox + 24, a3);
        }
        for (; ox + 8 <= ow; ox += 8) {
          vf8 a0 = first ? NC(splat8)(0.0f) : NC(load8)(orow + ox);
          for (int t = 0; t < ntaps; t++) a0 += NC(splat8)(wt[t]) * NC(load8)(src[t] + ox);
          NC(store8)(orow + ox, a0);
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
      for (int kx = 0; kx < kw; kx++) {
        int off = kx * dw;
        src[ntaps] = scratch + ((long)iy * sw + off % sw) * jn + off / sw;
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
  const int kc = 256;  // a k-slice of A (m × 256) stays in L2, of B (256 × 16) in L1
  for (int k0 = 0; k0 < k; k0 += kc) {
    int kn = k - k0 < kc ? k - k0 : kc;
    int add = k0 > 0;
    const float *bk = b + (long)k0 * ldb;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      for (int pi = 0; pi < panels; pi++) {
        int mv = m - 6 * pi < 6 ? m - 6 * pi : 6;
        NC(panel6x16)(mv, kn, ap + ((long)pi * k + k0) * 6, bk + j, ldb, c + (long)6 * pi * ldc + j, ldc, add);
      }
    }
    if (j < n) {
      for (int pi = 0; pi < panels; pi++) {
        int mv = m - 6 * pi < 6 ? m - 6 * pi : 6;
        NC(panel6xn)(mv, n - j, kn, ap + ((long)pi * k + k0) * 6, bk + j, ldb, c + (long)6 * pi * ldc + j, ldc, add);
      }
    }
  }
}

// MARK: - Winograd F(2×2, 3×3)

static void NC(wino_input)(const float *plane, int h, int w, int pt, int pl, int ty0, int ty1,
                           int tw, float *v, long xs, float *scratch) {
  // Zero-padded copy of the rows these tiles read: tile (ty, tx) reads
  // rows 2·ty − pt … +3 and columns 2·tx − pl … +3.
  const int rows = 2 * (ty1 - ty0) + 2;
  const int wp = 2 * tw + 2;
  const int y0 = 2 * ty0 - pt;
  for (int r = 0; r < rows; r++) {
    float *dst = scratch + (long)r * wp;
    int y = y0 + r;
    if (y < 0 || y >= h) {
      for (int x = 0; x < wp; x++) dst[x] = 0;
      continue;
    }
    const float *row = plane + (long)y * w;
    int x = 0;
    for (; x < wp && x - pl < 0; x++) dst[x] = 0;
    int xend = w + pl < wp ? w + pl : wp;
    if (xend > x) {
      __builtin_memcpy(dst + x, row + (x - pl), sizeof(float) * (xend - x));
      x = xend;
    }
    for (; x < wp; x++) dst[x] = 0;
  }
  long i = 0;
  for (int ty = ty0; ty < ty1; ty++) {
    const float *r0 = scratch + (long)(2 * (ty - ty0)) * wp;
    const float *r1 = r0 + wp, *r2 = r1 + wp, *r3 = r2 + wp;
    int tx = 0;
    // Eight tiles at once: columns 2·tx … 2·tx + 17, split into the four
    // columns of each tile's window by even/odd shuffles.
    for (; tx + 8 <= tw && 2 * tx + 24 <= wp; tx += 8, i += 8) {
      vf8 d[4][4];
      const float *rs[4] = {r0, r1, r2, r3};
      for (int r = 0; r < 4; r++) {
        const float *p = rs[r] + 2 * tx;
        vf8 lo = NC(load8)(p), hi = NC(load8)(p + 8), hi2 = NC(load8)(p + 16);
        d[r][0] = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
        d[r][1] = __builtin_shufflevector(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15);
        vf8 mid = __builtin_shufflevector(lo, hi, 2, 3, 4, 5, 6, 7, 8, 9);
        vf8 mid2 = __builtin_shufflevector(hi, hi2, 2, 3, 4, 5, 6, 7, 8, 9);
        d[r][2] = __builtin_shufflevector(mid, mid2, 0, 2, 4, 6, 8, 10, 12, 14);
        d[r][3] = __builtin_shufflevector(mid, mid2, 1, 3, 5, 7, 9, 11, 13, 15);
      }
      vf8 t[4][4];
      for (int c = 0; c < 4; c++) {
        t[0][c] = d[0][c] - d[2][c];
        t[1][c] = d[1][c] + d[2][c];
        t[2][c] = d[2][c] - d[1][c];
        t[3][c] = d[1][c] - d[3][c];
      }
      for (int r = 0; r < 4; r++) {
        NC(store8)(v + (4 * r + 0) * xs + i, t[r][0] - t[r][2]);
        NC(store8)(v + (4 * r + 1) * xs + i, t[r][1] + t[r][2]);
        NC(store8)(v + (4 * r + 2) * xs + i, t[r][2] - t[r][1]);
        NC(store8)(v + (4 * r + 3) * xs + i, t[r][1] - t[r][3]);
      }
    }
    for (; tx < tw; tx++, i++) {
      const float *rs[4] = {r0 + 2 * tx, r1 + 2 * tx, r2 + 2 * tx, r3 + 2 * tx};
      float t[4][4];
      for (int c = 0; c < 4; c++) {
        t[0][c] = rs[0][c] - rs[2][c];
        t[1][c] = rs[1][c] + rs[2][c];
        t[2][c] = rs[2][c] - rs[1][c];
        t[3][c] = rs[1][c] - rs[3][c];
      }
      for (int r = 0; r < 4; r++) {
        v[(4 * r + 0) * xs + i] = t[r][0] - t[r][2];
        v[(4 * r + 1) * xs + i] = t[r][1] + t[r][2];
        v[(4 * r + 2) * xs + i] = t[r][2] - t[r][1];
        v[(4 * r + 3) * xs + i] = t[r][1] - t[r][3];
      }
    }
  }
}

static void NC(wino_output)(const float *m, long xs, float *plane, int oh, int ow,
                            int ty0, int ty1, int tw) {
  long i = 0;
  for (int ty = ty0; ty < ty1; ty++) {
    int y = 2 * ty;
    float *o0 = plane + (long)y * ow;
    float *o1 = o0 + ow;
    int row1 = y + 1 < oh;
    int tx = 0;
    for (; tx + 8 <= tw && 2 * tx + 16 <= ow; tx += 8, i += 8) {
      vf8 s[2][4];
      for (int c = 0; c < 4; c++) {
        vf8 m0 = NC(load8)(m + (0 + c) * xs + i), m1 = NC(load8)(m + (4 + c) * xs + i);
        vf8 m2 = NC(load8)(m + (8 + c) * xs + i), m3 = NC(load8)(m + (12 + c) * xs + i);
        s[0][c] = m0 + m1 + m2;
        s[1][c] = m1 - m2 - m3;
      }
      for (int r = 0; r < 2; r++) {
        if (r == 1 && !row1) break;
        vf8 y0 = s[r][0] + s[r][1] + s[r][2];
        vf8 y1 = s[r][1] - s[r][2] - s[r][3];
        vf8 lo = __builtin_shufflevector(y0, y1, 0, 8, 1, 9, 2, 10, 3, 11);
        vf8 hi = __builtin_shufflevector(y0, y1, 4, 12, 5, 13, 6, 14, 7, 15);
        float *o = (r == 0 ? o0 : o1) + 2 * tx;
        NC(store8)(o, lo);
        NC(store8)(o + 8, hi);
      }
    }
    for (; tx < tw; tx++, i++) {
      float s[2][4];
      for (int c = 0; c < 4; c++) {
        float m0 = m[(0 + c) * xs + i], m1 = m[(4 + c) * xs + i];
        float m2 = m[(8 + c) * xs + i], m3 = m[(12 + c) * xs + i];
        s[0][c] = m0 + m1 + m2;
        s[1][c] = m1 - m2 - m3;
      }
      int x = 2 * tx;
      for (int r = 0; r < 2; r++) {
        if (r == 1 && !row1) break;
        float *o = r == 0 ? o0 : o1;
        o[x] = s[r][0] + s[r][1] + s[r][2];
        if (x + 1 < ow) o[x + 1] = s[r][1] - s[r][2] - s[r][3];
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
