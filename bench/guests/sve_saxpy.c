/* saxpy, y = a*x + y in f32 (FMLA/FMAD, predicated loads and stores); the
 * sign of a alternates so the values stay bounded. */
#include "bench.h"

#define N (1 << 16)
#define REPS (400 * SCALE)

static float x[N], y[N];

__attribute__((noinline)) static void saxpy(float *restrict yy, const float *xx, float k, int n)
{
	for (int i = 0; i < n; i++)
		yy[i] = k * xx[i] + yy[i];
}

int main(void)
{
	for (int i = 0; i < N; i++) {
		x[i] = (float)(int)(bench_rand() % 4001 - 2000) / 64.0f;
		y[i] = (float)(int)(bench_rand() % 4001 - 2000) / 32.0f;
	}
	for (int r = 0; r < REPS; r++)
		saxpy(y, x, (r & 1) ? -0.75f : 0.8125f, N - (r & 3));
	uint64_t h = 0;
	for (int i = 0; i < N; i++)
		h = h * 31 + bench_f32_bits(y[i]);
	bench_report("sve_saxpy", h);
	return 0;
}
