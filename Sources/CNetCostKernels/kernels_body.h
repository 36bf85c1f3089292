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

static void NC(depthwise_plane)(const float *in, int h, int w, float *out, int oh, int ow,
                                const float *weights, int kh, int kw, int sh, int sw,
                                int dh, int dw, int pt, int pl, float *scratch) {
  // Phase-split, zero-padded copy of the plane: row iy, phase p holds
  // P[j] = in[iy][sw·j + p − pl], so every tap of a stride-sw window reads
  // a contiguous run: column sw·ox + kx·dw − pl is P_{p}[ox + q] with
  // q = kx·dw / sw, p = kx·dw % sw.
  const int qmax = ((kw - 1) * dw) / sw;
  const long jn = nc_round8(ow + qmax);
  float *tmp = scratch + (long)h * sw * jn;  // one padded row, sw·jn + 8 floats
  const long tn = (long)sw * jn;
  for (int iy = 0; iy < h; iy++) {
    const float *row = in + (long)iy * w;
    if (sw == 1) {
      // Stride 1: a shifted copy with zeros at both ends.
      NC(padded_row)(scratch + (long)iy * jn, row, w, pl, jn);
      continue;
    }
    NC(padded_row)(tmp, row, w, pl, tn);
    for (int p = 0; p < sw; p++) NC(copy_strided)(scratch + ((long)iy * sw + p) * jn, tmp + p, jn, sw);
  }
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
