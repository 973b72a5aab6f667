/* Plain floating-point C, built at -O0..-O3 by both compilers: IEEE
 * arithmetic (no fast-math), conversions and their saturation, rounding,
 * square roots, special values, fused multiply-add. Results are printed as
 * bit patterns as well as decimals. */
#include "rt.h"

static volatile double vzero = 0.0, vone = 1.0;
static volatile float fzero = 0.0f;

static uint64_t b64(double d)
{
	uint64_t u;
	__builtin_memcpy(&u, &d, 8);
	return u;
}

static uint32_t b32(float f)
{
	uint32_t u;
	__builtin_memcpy(&u, &f, 4);
	return u;
}

static double newton_sqrt(double x)
{
	double g = x > 1 ? x / 2 : 1;
	for (int i = 0; i < 30; i++)
		g = 0.5 * (g + x / g);
	return g;
}

static double series_pi(int terms)
{
	double s = 0;
	for (int k = 0; k < terms; k++)
		s += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
	return s;
}

int main(void)
{
	printf("fp: floating-point tests\n");
	double z = vzero, one = vone;
	float fz = fzero;

	double inf = one / z, nan = z / z;
	printf("1/0 %f (%#lx), 0/0 sign-cleared %#lx, -0 %#lx\n", inf, (unsigned long)b64(inf),
	       (unsigned long)(b64(nan) & 0x7fffffffffffffffull), (unsigned long)b64(-z));

	double third = one / 3.0;
	printf("1/3 = %.9f bits %#lx\n", third, (unsigned long)b64(third));
	float fthird = (float)one / 3.0f;
	printf("1/3f bits %#x\n", b32(fthird));

	printf("sqrt(2) %.9f bits %#lx newton %#lx\n", __builtin_sqrt(2.0 + z),
	       (unsigned long)b64(__builtin_sqrt(2.0 + z)), (unsigned long)b64(newton_sqrt(2.0 + z)));
	printf("sqrtf(10) bits %#x\n", b32(__builtin_sqrtf(10.0f + fz)));

	/* fused multiply-add: one rounding */
	double a = 1.0 + 0x1p-30 + z, b = 1.0 - 0x1p-30 + z, c = -1.0 + z;
	printf("fma %#lx, mul+add %#lx\n", (unsigned long)b64(__builtin_fma(a, b, c)),
	       (unsigned long)b64(__builtin_fma(a, b, z) + c));

	/* conversions: round toward zero, saturation, NaN -> 0 */
	double big = 1e300 + z, neg = -3.75 + z;
	printf("cvt: (int)%d (long)%ld (unsigned)%u from -3.75; sat %ld %d; nan %d\n", (int)neg, (long)neg,
	       (unsigned)(neg * z), (long)big, (int)(-big), (int)nan);
	printf("rint %f floor %f ceil %f trunc %f round %f\n", __builtin_rint(2.5 + z), __builtin_floor(neg),
	       __builtin_ceil(neg), __builtin_trunc(neg), __builtin_round(-2.5 + z));
	printf("(double)(int64) %f, (float)(uint64) bits %#x\n", (double)(int64_t)(-9007199254740993ll + (int64_t)z),
	       b32((float)(uint64_t)(18446744073709551615ull + (uint64_t)z)));

	/* min/max with zeros and NaN */
	printf("fmax(-0,0) %#lx fmin(-0,0) %#lx fmax(nan,1) %f\n", (unsigned long)b64(__builtin_fmax(-z, z)),
	       (unsigned long)b64(__builtin_fmin(-z, z)), __builtin_fmax(nan, one));

	/* subnormals */
	double tiny = 0x1p-1070 + z;
	printf("subnormal %#lx * 0.5 -> %#lx, float denorm %#x\n", (unsigned long)b64(tiny),
	       (unsigned long)b64(tiny * 0.5), b32((float)(0x1p-140 + z)));

	/* accumulated sums */
	printf("pi series %.9f bits %#lx\n", series_pi(2000), (unsigned long)b64(series_pi(2000)));
	float fs = 0;
	for (int i = 1; i <= 1000; i++)
		fs += 1.0f / (float)i;
	printf("harmonic f32 %.6f bits %#x\n", (double)fs, b32(fs));
	double e = 1, term = 1;
	for (int i = 1; i < 20; i++) {
		term /= i;
		e += term;
	}
	printf("e %.9f bits %#lx\n", e, (unsigned long)b64(e));

	/* float <-> double and half-way rounding */
	float f = (float)(0.1 + z);
	printf("(float)0.1 %#x back %#lx, 16777217 -> %#x\n", b32(f), (unsigned long)b64((double)f),
	       b32((float)(16777217 + (int)z)));
	printf("compare: %d %d %d %d\n", nan == nan, nan != nan, inf > 1e308, -z == z);
	return 0;
}
