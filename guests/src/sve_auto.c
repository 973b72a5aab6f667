/* Autovectorised loops, built with -O3 -march=armv8.2-a+sve and fast-math
 * reassociation: the compilers turn them into SVE predicated loops
 * (WHILELO/WHILELT, gathers, predicated selects). Integer results are the
 * same at every vector length; floating-point reductions are reassociated
 * per lane, so their low bits depend on the vector length: that is what
 * the expected files per length pin down. */
#include "rt.h"

#define N 1003 /* not a multiple of any vector length: tails are exercised */

static int32_t a[N], b[N], c[N];
static int32_t idx[N];
static float fx[N], fy[N];
static double dx[N], dy[N];
static uint8_t bytes[N + 1];
static int64_t tab[256];

static uint32_t seed = 12345;
static uint32_t lcg(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

__attribute__((noinline)) static int64_t sum_i32(const int32_t *p, int n)
{
	int64_t s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

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

__attribute__((noinline)) static void cond(int32_t *restrict out, const int32_t *x, const int32_t *y, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = x[i] > 0 ? x[i] * 3 : y[i] - 1;
}

__attribute__((noinline)) static int64_t gather(const int64_t *t, const int32_t *ix, int n)
{
	int64_t s = 0;
	for (int i = 0; i < n; i++)
		s += t[ix[i]];
	return s;
}

__attribute__((noinline)) static int64_t strided(const int32_t *x, const int32_t *y, int n)
{
	int64_t s = 0;
	for (int i = 0; i < n / 3; i++)
		s += (int64_t)x[2 * i] * 7 - y[3 * i + 1];
	return s;
}

__attribute__((noinline)) static void saxpy(double *restrict y, const double *x, double k, int n)
{
	for (int i = 0; i < n; i++)
		y[i] = k * x[i] + y[i];
}

__attribute__((noinline)) static int32_t max_i32(const int32_t *x, int n)
{
	int32_t m = x[0];
	for (int i = 1; i < n; i++)
		m = x[i] > m ? x[i] : m;
	return m;
}

__attribute__((noinline)) static unsigned count_if(const int32_t *x, int n)
{
	unsigned c = 0;
	for (int i = 0; i < n; i++)
		c += (x[i] & 7) == 3;
	return c;
}

/* An early-exit loop (strlen-like): GCC 12 and LLVM 14 keep it scalar. */
__attribute__((noinline)) static int find_zero(const uint8_t *s)
{
	int i = 0;
	while (s[i])
		i++;
	return i;
}

__attribute__((noinline)) static void widen_mul(int64_t *restrict out, const int32_t *x, const int32_t *y, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (int64_t)x[i] * y[i];
}

static int64_t wide[N];

static uint64_t checksum32(const int32_t *p, int n)
{
	uint64_t h = 1469598103934665603ull;
	for (int i = 0; i < n; i++)
		h = (h ^ (uint32_t)p[i]) * 1099511628211ull;
	return h;
}

static uint64_t f32bits(float f)
{
	uint32_t u;
	__builtin_memcpy(&u, &f, 4);
	return u;
}

static uint64_t f64bits(double d)
{
	uint64_t u;
	__builtin_memcpy(&u, &d, 8);
	return u;
}

int main(void)
{
	uint64_t vl;
	__asm__ volatile("rdvl %0, #1" : "=r"(vl));
	printf("sve-auto: VL %lu bits\n", (unsigned long)(vl * 8));
	for (int i = 0; i < N; i++) {
		a[i] = (int32_t)(lcg() % 20001) - 10000;
		b[i] = (int32_t)(lcg() % 2001) - 1000;
		idx[i] = (int32_t)(lcg() % 256);
		fx[i] = (float)((int32_t)(lcg() % 2001) - 1000) / 64.0f;
		fy[i] = (float)(lcg() % 1000) / 1000.0f + 0.001f;
		dx[i] = (double)(lcg() % 100000) / 7.0;
		dy[i] = (double)((int32_t)(lcg() % 100000) - 50000) / 3.0;
		bytes[i] = (uint8_t)(lcg() % 255 + 1);
	}
	bytes[777] = 0;
	for (int i = 0; i < 256; i++)
		tab[i] = (int64_t)i * i * 1000003 - 77;

	printf("sum_i32   %ld\n", (long)sum_i32(a, N));
	float fd = dot_f32(fx, fy, N);
	printf("dot_f32   %f (bits %#lx)\n", (double)fd, (unsigned long)f32bits(fd));
	double dd = dot_f64(dx, dy, N);
	printf("dot_f64   %f (bits %#lx)\n", dd, (unsigned long)f64bits(dd));
	cond(c, a, b, N);
	printf("cond      %#lx\n", (unsigned long)checksum32(c, N));
	printf("gather    %ld\n", (long)gather(tab, idx, N));
	printf("strided   %ld\n", (long)strided(a, b, N));
	saxpy(dy, dx, 0.25, N);
	printf("saxpy     %f (bits %#lx)\n", dy[N - 1], (unsigned long)f64bits(dy[N - 1]));
	printf("max_i32   %d\n", max_i32(a, N));
	printf("count_if  %u\n", count_if(a, N));
	printf("find_zero %d\n", find_zero(bytes));
	widen_mul(wide, a, b, N);
	int64_t ws = 0;
	for (int i = 0; i < N; i++)
		ws ^= wide[i] * (i + 1);
	printf("widen_mul %ld\n", (long)ws);
	return 0;
}
