/* Integer reductions: widening sum (SXTW/SADDV or UADDV on 64-bit lanes),
 * maximum (SMAXV) and exclusive or (EORV). */
#include "bench.h"

#define N (1 << 16)
#define REPS (1500 * SCALE)

static int32_t a[N];

__attribute__((noinline)) static int64_t sum(const int32_t *p, int n)
{
	int64_t s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

__attribute__((noinline)) static int32_t max(const int32_t *p, int n)
{
	int32_t m = p[0];
	for (int i = 1; i < n; i++)
		m = p[i] > m ? p[i] : m;
	return m;
}

__attribute__((noinline)) static uint32_t xor_all(const int32_t *p, int n)
{
	uint32_t x = 0;
	for (int i = 0; i < n; i++)
		x ^= (uint32_t)p[i];
	return x;
}

int main(void)
{
	for (int i = 0; i < N; i++)
		a[i] = (int32_t)bench_rand();
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		int n = N - (r & 31);
		h = h * 7 + (uint64_t)sum(a, n);
		h = h * 7 + (uint32_t)max(a + (r & 3), n - 4);
		h = h * 7 + xor_all(a, n);
	}
	bench_report("sve_reduce", h);
	return 0;
}
