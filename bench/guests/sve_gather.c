/* Indexed loads: s += t[ix[i]] with 32-bit indices into a 64-bit table
 * (LD1D gathers with SXTW-scaled offsets). */
#include "bench.h"

#define N (1 << 16)
#define T 4096
#define REPS (750 * SCALE)

static int32_t ix[N];
static int64_t t[T];

__attribute__((noinline)) static int64_t gather(const int64_t *tab, const int32_t *idx, int n)
{
	int64_t s = 0;
	for (int i = 0; i < n; i++)
		s += tab[idx[i]];
	return s;
}

int main(void)
{
	for (int i = 0; i < T; i++)
		t[i] = (int64_t)bench_rand() << 7 ^ bench_rand();
	for (int i = 0; i < N; i++)
		ix[i] = (int32_t)(bench_rand() % T);
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		h = h * 5 + (uint64_t)gather(t, ix, N - (r & 7));
		t[r & (T - 1)] += (int64_t)h;
	}
	bench_report("sve_gather", h);
	return 0;
}
