/* Shared by the benchmark guests: a fixed pseudo-random generator and the
 * checksum line that the runner compares between svevm and QEMU. */
#ifndef BENCH_H
#define BENCH_H
#include "rt.h"

/* The runner passes -DSCALE=n to make every workload n times longer. */
#ifndef SCALE
#define SCALE 1
#endif

static uint32_t bench_seed = 2463534242u;
static inline uint32_t bench_rand(void)
{
	/* xorshift32: the same sequence on every emulator and vector length. */
	bench_seed ^= bench_seed << 13;
	bench_seed ^= bench_seed >> 17;
	bench_seed ^= bench_seed << 5;
	return bench_seed;
}

/* Floating-point results are reported by their bit patterns, so the
 * comparison is exact. */
static inline uint64_t bench_f64_bits(double d)
{
	union { double d; uint64_t u; } v = { d };
	return v.u;
}

static inline uint32_t bench_f32_bits(float f)
{
	union { float f; uint32_t u; } v = { f };
	return v.u;
}

static inline void bench_report(const char *name, uint64_t sum)
{
	printf("%s checksum %lx\n", name, (unsigned long)sum);
}
#endif
