/* Vector add of int32 arrays (LD1W, ADD, ST1W under a WHILELO loop). */
#include "bench.h"

#define N (1 << 16)
#define REPS (1200 * SCALE)

static int32_t a[N], b[N], c[N];

__attribute__((noinline)) static void vadd(int32_t *restrict out, const int32_t *x, const int32_t *y, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = x[i] + y[i];
}

int main(void)
{
	for (int i = 0; i < N; i++) {
		a[i] = (int32_t)bench_rand();
		b[i] = (int32_t)bench_rand();
	}
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		vadd(c, a, b, N);
		/* Feed the result back so no repetition can be skipped. */
		vadd(a, c, b, N - (r & 7));
		h += (uint32_t)a[r & (N - 1)];
	}
	for (int i = 0; i < N; i++)
		h = h * 31 + (uint32_t)a[i];
	bench_report("sve_add", h);
	return 0;
}
