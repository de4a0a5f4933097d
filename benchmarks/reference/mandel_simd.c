/*
 * The practical CPU limit for MandelPS's escape-time loop: a hand-written AVX-512 kernel (AVX2 where a
 * machine has no AVX-512) with per-lane early exit (mask registers), several independent vectors in
 * flight to hide add/multiply latency, and
 * OpenMP over rows with dynamic scheduling. Same problem, grid and arithmetic as MandelPS's Expanded
 * reference (no FMA: build with -ffp-contract=off), so its validation sum must equal ours.
 *
 * Build:  gcc -O3 -march=native -ffp-contract=off -fopenmp mandel_simd.c -o mandel_simd
 *         (add -DSINGLE for float lanes; -DINFLIGHT=N to change the vectors in flight, default 4)
 * Run:    OMP_NUM_THREADS=2 ./mandel_simd WIDTH HEIGHT MAXITER RUNS [linear|bg]
 *         (bg: the Benchmarks Game grid Cr = 2x/W - 1.5, Ci = 2y/H - 1; default: the tutorial viewport)
 * Prints: precision width height maxiter threads inflight median_ms min_ms validation_sum total_iterations giter_per_s
 */
#include <immintrin.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef INFLIGHT
#define INFLIGHT 4
#endif

#if defined(__AVX512F__)
#ifdef SINGLE
typedef float real;
#define LANES 16
typedef __m512 vec;
typedef __mmask16 mask;
#define SET1 _mm512_set1_ps
#define LOAD _mm512_loadu_ps
#define ADD _mm512_add_ps
#define SUB _mm512_sub_ps
#define MUL _mm512_mul_ps
#define CMP_GT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
typedef __m512i counter;
#define CZERO _mm512_setzero_si512()
#define CINC(c, m) _mm512_mask_add_epi32(c, m, c, _mm512_set1_epi32(1))
#define PRECISION "single"
#else
typedef double real;
#define LANES 8
typedef __m512d vec;
typedef __mmask8 mask;
#define SET1 _mm512_set1_pd
#define LOAD _mm512_loadu_pd
#define ADD _mm512_add_pd
#define SUB _mm512_sub_pd
#define MUL _mm512_mul_pd
#define CMP_GT(a, b) _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ)
typedef __m512i counter;
#define CZERO _mm512_setzero_si512()
#define CINC(c, m) _mm512_mask_add_epi64(c, m, c, _mm512_set1_epi64(1))
#define PRECISION "double"
#endif

#else
/* AVX2 (no AVX-512 here): masks are all-ones lanes, and a counter adds one by subtracting its mask (-1). */
#ifdef SINGLE
typedef float real;
#define LANES 8
typedef __m256 vec;
#define SET1 _mm256_set1_ps
#define LOAD _mm256_loadu_ps
#define ADD _mm256_add_ps
#define SUB _mm256_sub_ps
#define MUL _mm256_mul_ps
typedef __m256 mask;
#define NOT_GT(a, b) _mm256_cmp_ps(a, b, _CMP_NGT_UQ)
#define AND_NOT_GT(m, a, b) _mm256_and_ps(m, NOT_GT(a, b))
#define ALL_ONES _mm256_castsi256_ps(_mm256_set1_epi32(-1))
#define ANY(m) (!_mm256_testz_ps(m, m) || _mm256_movemask_ps(m))
typedef __m256i counter;
#define CZERO _mm256_setzero_si256()
#define CINC(c, m) _mm256_sub_epi32(c, _mm256_castps_si256(m))
#define PRECISION "single"
#else
typedef double real;
#define LANES 4
typedef __m256d vec;
#define SET1 _mm256_set1_pd
#define LOAD _mm256_loadu_pd
#define ADD _mm256_add_pd
#define SUB _mm256_sub_pd
#define MUL _mm256_mul_pd
typedef __m256d mask;
#define AND_NOT_GT(m, a, b) _mm256_and_pd(m, _mm256_cmp_pd(a, b, _CMP_NGT_UQ))
#define ALL_ONES _mm256_castsi256_pd(_mm256_set1_epi64x(-1))
#define ANY(m) (_mm256_movemask_pd(m) != 0)
typedef __m256i counter;
#define CZERO _mm256_setzero_si256()
#define CINC(c, m) _mm256_sub_epi64(c, _mm256_castpd_si256(m))
#define PRECISION "double"
#endif
#endif

#define STEP (LANES * INFLIGHT)

/* One group of STEP pixels of one row: z = z*z + c per lane until every lane has |z|^2 > 4. */
static void solve_group(const real *cx, real cy_scalar, int maxiter, int *out, int valid)
{
    vec four = SET1((real)4), cy = SET1(cy_scalar);
    vec zx[INFLIGHT], zy[INFLIGHT], x2[INFLIGHT], y2[INFLIGHT], c[INFLIGHT];
    mask active[INFLIGHT];
    counter n[INFLIGHT];
    for (int k = 0; k < INFLIGHT; k++) {
        c[k] = LOAD(cx + k * LANES);
        zx[k] = zy[k] = x2[k] = y2[k] = SET1((real)0);
#if defined(__AVX512F__)
        active[k] = (mask)~0;
#else
        active[k] = ALL_ONES;
#endif
        n[k] = CZERO;
    }
    for (int i = 0; i < maxiter; i++) {
        int any = 0;
        for (int k = 0; k < INFLIGHT; k++) {
            vec xy = MUL(zx[k], zy[k]);
            zy[k] = ADD(ADD(xy, xy), cy);
            zx[k] = ADD(SUB(x2[k], y2[k]), c[k]);
            x2[k] = MUL(zx[k], zx[k]);
            y2[k] = MUL(zy[k], zy[k]);
#if defined(__AVX512F__)
            active[k] &= (mask)~CMP_GT(ADD(x2[k], y2[k]), four);
            any |= active[k];
#else
            active[k] = AND_NOT_GT(active[k], ADD(x2[k], y2[k]), four);
            any |= ANY(active[k]);
#endif
            n[k] = CINC(n[k], active[k]);
        }
        if (!any) break;
    }
    for (int k = 0; k < INFLIGHT; k++) {
#ifdef SINGLE
        int32_t tmp[LANES];
#else
        int64_t tmp[LANES];
#endif
#if defined(__AVX512F__)
        _mm512_storeu_si512(tmp, n[k]);
#else
        _mm256_storeu_si256((__m256i *)tmp, n[k]);
#endif
        for (int l = 0; l < LANES && k * LANES + l < valid; l++) out[k * LANES + l] = (int)tmp[l];
    }
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s WIDTH HEIGHT MAXITER RUNS [linear|bg]\n", argv[0]);
        return 2;
    }
    int width = atoi(argv[1]), height = atoi(argv[2]), maxiter = atoi(argv[3]), runs = atoi(argv[4]);
    if (width < 1 || height < 1 || maxiter < 1 || runs < 1) {
        fprintf(stderr, "WIDTH, HEIGHT, MAXITER and RUNS must be >= 1\n");
        return 2;
    }
    const double xmin = -2.13, xmax = 0.77, ymin = -1.3, ymax = 1.3; /* the tutorial's viewport */
    int padded = (width + STEP - 1) / STEP * STEP;
    real *xs = aligned_alloc(64, sizeof(real) * padded);
    real *ys = malloc(sizeof(real) * height);
    int *counts = malloc(sizeof(int) * (size_t)width * height);
    int bg = argc > 5 && strcmp(argv[5], "bg") == 0;
    for (int i = 0; i < padded; i++) /* pads (c = 4) escape at once */
        xs[i] = i >= width ? (real)4 : bg ? (real)(2.0 * i / width - 1.5) : (real)(xmin + i * (xmax - xmin) / width);
    for (int j = 0; j < height; j++)
        ys[j] = bg ? (real)(2.0 * j / height - 1.0) : (real)(ymax - j * (ymax - ymin) / height);

    double *times = malloc(sizeof(double) * runs);
    for (int r = -1; r < runs; r++) { /* r = -1 is the warm-up */
        double t0 = now_ms();
#pragma omp parallel for schedule(dynamic, 1)
        for (int j = 0; j < height; j++)
            for (int i = 0; i < width; i += STEP)
                solve_group(xs + i, ys[j], maxiter, counts + (size_t)j * width + i, width - i);
        double t = now_ms() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, runs, sizeof(double), cmp_double);
    double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;

    long long validation = 0, total = 0;
    for (size_t p = 0; p < (size_t)width * height; p++) {
        int n = counts[p];
        if (n < maxiter) { validation += n; total += n + 1; } else total += maxiter;
    }
    printf("%s %d %d %d %d %d %.3f %.3f %lld %lld %.4f\n", PRECISION, width, height, maxiter, omp_get_max_threads(), INFLIGHT,
           median, times[0], validation, total, total / (median * 1e6));
    free(times); free(counts); free(ys); free(xs);
    return 0;
}
