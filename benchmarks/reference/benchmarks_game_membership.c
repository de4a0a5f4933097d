/* The Benchmarks Game's mandelbrot task (P4 bitmap on stdout) by the algorithm of MandelPS's membership
 * kernel (MembershipRows, final-test path), in C, to measure what .NET costs on the same machine:
 * groups of 6 vectors step together; every 10 iterations a test of |z|^2 <= 4 stops the group once no
 * lane is inside (the grid has |c| <= 1.9, so an escape is permanent: the overflow to inf/NaN tests
 * outside); the final z decides membership. Rows are shared out dynamically (OpenMP), the bitmap written
 * at the end. Build: gcc -O3 -march=native -ffp-contract=off -fopenmp (no fused multiply-add: exactness).
 * Usage: benchmarks_game_membership N > out.pbm */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__AVX512F__)
#define LANES 8
#else
#define LANES 4
#endif
#define IN_FLIGHT 6
#define GROUP (LANES * IN_FLIGHT)
#define MAX_ITERATIONS 50
#define TEST_EVERY 10

typedef double vec __attribute__((vector_size(LANES * sizeof(double))));
typedef int64_t mask __attribute__((vector_size(LANES * sizeof(double))));

static int any_lane(mask m) {
    int64_t any = 0;
    for (int l = 0; l < LANES; l++) any |= m[l];
    return any != 0;
}

/* One iteration as the reference forms it: zx' = (zx^2 - zy^2) + cx, zy' = (zx*zy + zx*zy) + cy. */
#define STEP(k) do { \
        vec xy = zx[k] * zy[k], x2 = zx[k] * zx[k], y2 = zy[k] * zy[k]; \
        zy[k] = (xy + xy) + cy; zx[k] = (x2 - y2) + cx[k]; } while (0)

static void pack_row(const double *x, int n, double y, uint8_t *row) {
    const vec cy = (vec){0} + y, four = (vec){0} + 4.0;
    for (int i = 0; i < n; i += GROUP) {
        vec cx[IN_FLIGHT], zx[IN_FLIGHT] = {{0}}, zy[IN_FLIGHT] = {{0}};
        memcpy(cx, x + i, sizeof cx);
        for (int it = 0;;) {
            int end = it + TEST_EVERY < MAX_ITERATIONS ? it + TEST_EVERY : MAX_ITERATIONS;
            for (; it < end; it++)
                for (int k = 0; k < IN_FLIGHT; k++) STEP(k);
            if (it == MAX_ITERATIONS) break;
            mask inside = {0};
            for (int k = 0; k < IN_FLIGHT; k++) inside |= zx[k] * zx[k] + zy[k] * zy[k] <= four;
            if (!any_lane(inside)) break;
        }
        for (int k = 0; k < IN_FLIGHT; k++) {
            mask in = zx[k] * zx[k] + zy[k] * zy[k] <= four;
            for (int l = 0; l < LANES; l++) {
                int p = i + k * LANES + l;
                if (in[l] && p < n) row[p >> 3] |= (uint8_t)(0x80 >> (p & 7));
            }
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    if (n < 1) { fprintf(stderr, "N: %s is outside the allowed range 1..\n", argc > 1 ? argv[1] : ""); return 2; }
    int padded = (n + GROUP - 1) / GROUP * GROUP, row_bytes = (n + 7) / 8;
    double *x = aligned_alloc(64, ((size_t)padded * sizeof(double) + 63) / 64 * 64);
    uint8_t *bits = calloc((size_t)row_bytes * n, 1);
    if (!x || !bits) { fprintf(stderr, "out of memory\n"); return 1; }
    for (int i = 0; i < padded; i++) x[i] = i < n ? 2.0 * i / n - 1.5 : 4.0; /* padding escapes at once */
#pragma omp parallel for schedule(dynamic, 1)
    for (int j = 0; j < n; j++) pack_row(x, n, 2.0 * j / n - 1.0, bits + (size_t)j * row_bytes);
    printf("P4\n%d %d\n", n, n);
    fwrite(bits, 1, (size_t)row_bytes * n, stdout);
    free(bits);
    free(x);
    return 0;
}
