// GpuSource: the escape-time loop as OpenCL C, built by the device's driver at run time (pyCUDA's
// SourceModule style). Built with -D MANDELPS_DOUBLE for double precision.
//
// Exactness: OpenCL C may contract a*b+c into one fused rounding unless told not to; the reference
// rounds every operation, so contraction is switched off for the whole file.
#pragma OPENCL FP_CONTRACT OFF

#ifdef MANDELPS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

// One work-item per pixel (x, rowOffset + y) of a band; counts holds the band, row-major.
__kernel void escape(__global const real* xs, __global const real* ys, __global int* counts,
                     int width, int rowOffset, int maxIterations)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    const real cx = xs[x];
    const real cy = ys[rowOffset + y];
    real zx = 0;
    real zy = 0;
    int n = 0;
    for (; n < maxIterations; n++) {
        const real zxNew = (zx * zx - zy * zy) + cx;
        const real zyNew = (zx * zy + zy * zx) + cy;
        zx = zxNew;
        zy = zyNew;
        if (zx * zx + zy * zy > (real)4) {
            break;
        }
    }
    counts[y * width + x] = n;
}
