/* Advanced SIMD (built for Armv8.0, so the vectoriser uses NEON only): a
 * 64x64 f32 matrix product (FMLA by element or vector), a sum of absolute
 * differences over bytes (UABD/UADALP-style widening) and an int16
 * multiply-accumulate. */
#include "bench.h"

#define M 64
#define B (1 << 14)
#define REPS (220 * SCALE)

static float ma[M][M], mb[M][M], mc[M][M];
static uint8_t p[B], q[B];
static int16_t s16[B], t16[B];

__attribute__((noinline)) static void matmul(void)
{
	for (int i = 0; i < M; i++) {
		for (int j = 0; j < M; j++)
			mc[i][j] = 0;
		for (int k = 0; k < M; k++) {
			float aik = ma[i][k];
			for (int j = 0; j < M; j++)
				mc[i][j] += aik * mb[k][j];
		}
	}
}

__attribute__((noinline)) static uint32_t sad(const uint8_t *x, const uint8_t *y, int n)
{
	uint32_t s = 0;
	for (int i = 0; i < n; i++)
		s += (uint32_t)(x[i] > y[i] ? x[i] - y[i] : y[i] - x[i]);
	return s;
}

__attribute__((noinline)) static int32_t mac16(const int16_t *x, const int16_t *y, int n)
{
	int32_t s = 0;
	for (int i = 0; i < n; i++)
		s += (int32_t)x[i] * y[i];
	return s;
}

int main(void)
{
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			ma[i][j] = (float)(int)(bench_rand() % 201 - 100) / 16.0f;
			mb[i][j] = (float)(int)(bench_rand() % 201 - 100) / 32.0f;
		}
	for (int i = 0; i < B; i++) {
		p[i] = (uint8_t)bench_rand();
		q[i] = (uint8_t)bench_rand();
		s16[i] = (int16_t)bench_rand();
		t16[i] = (int16_t)bench_rand();
	}
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		matmul();
		ma[r & (M - 1)][(r * 7) & (M - 1)] = mc[(r * 3) & (M - 1)][r & (M - 1)] / 1024.0f;
		h = h * 31 + bench_f32_bits(mc[r & (M - 1)][(r * 5) & (M - 1)]);
		for (int k = 0; k < 8; k++) {
			h = h * 31 + sad(p, q, B - k);
			h = h * 31 + (uint32_t)mac16(s16, t16, B - k);
			p[(r * 8 + k) & (B - 1)] ^= (uint8_t)h;
		}
	}
	bench_report("advsimd", h);
	return 0;
}
