/* Dot products (f32 and f64, reassociated by -ffast-math: FMLA into vector
 * accumulators, FADDV at the end). The result depends on the vector length
 * by design; both emulators must agree at each length. */
#include "bench.h"

#define N (1 << 15)
#define REPS (480 * SCALE)

static float fx[N], fy[N];
static double dx[N], dy[N];

__attribute__((noinline)) static float dot_f32(const float *x, const float *y, int n)
{
	float s = 0;
	for (int i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}

__attribute__((noinline)) static double dot_f64(const double *x, const double *y, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}

int main(void)
{
	for (int i = 0; i < N; i++) {
		fx[i] = (float)(int)(bench_rand() % 2001 - 1000) / 256.0f;
		fy[i] = (float)(int)(bench_rand() % 2001 - 1000) / 512.0f;
		dx[i] = (double)(int)(bench_rand() % 20001 - 10000) / 1024.0;
		dy[i] = (double)(int)(bench_rand() % 20001 - 10000) / 4096.0;
	}
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		int n = N - (r & 15);
		h = h * 3 + bench_f32_bits(dot_f32(fx, fy, n));
		h = h * 3 + bench_f64_bits(dot_f64(dx, dy, n));
	}
	bench_report("sve_dot", h);
	return 0;
}
