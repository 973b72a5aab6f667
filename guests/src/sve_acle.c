/* SVE through the ACLE intrinsics (arm_sve.h): first-fault strlen (SETFFR,
 * LDFF1B, RDFFR, BRKB, CNTP), COMPACT, SPLICE, TBL, FADDA (strictly ordered,
 * so equal to the scalar sum at every length), WHILELT loops. Several
 * results depend on the vector length by construction (per-vector work). */
#include <arm_sve.h>
#include "rt.h"

#define N 517

static int32_t a[N], out[N + 64];
static double d[N];
static char text[700];

static uint32_t seed = 777;
static uint32_t lcg(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed >> 8;
}

/* strlen with first-fault loads: elements after the first that could fault
 * only clear their FFR bits. The architecture also lets an implementation
 * suppress them for any reason (Device memory with the MMU off, for one),
 * so only the answer, not the number of iterations, is printed. */
__attribute__((noinline)) static uint64_t ff_strlen(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	svbool_t all = svptrue_b8();
	uint64_t i = 0;
	for (;;) {
		svsetffr();
		svuint8_t v = svldff1_u8(all, p + i);
		svbool_t ok = svrdffr_z(all);
		svbool_t zero = svcmpeq_n_u8(ok, v, 0);
		if (svptest_any(ok, zero))
			return i + svcntp_b8(ok, svbrkb_z(ok, zero));
		i += svcntp_b8(all, ok);
	}
}

/* Keep the positive elements, in order (COMPACT + CNTP). */
__attribute__((noinline)) static int filter_positive(int32_t *dst, const int32_t *src, int n)
{
	int k = 0;
	for (int i = 0; i < n; i += (int)svcntw()) {
		svbool_t pg = svwhilelt_b32(i, n);
		svint32_t v = svld1_s32(pg, src + i);
		svbool_t pos = svcmpgt_n_s32(pg, v, 0);
		svint32_t packed = svcompact_s32(pos, v);
		svbool_t st = svwhilelt_b32((uint64_t)0, svcntp_b32(pg, pos));
		svst1_s32(st, dst + k, packed);
		k += (int)svcntp_b32(pg, pos);
	}
	return k;
}

/* Reverse every vector-sized chunk with TBL: the result depends on VL. */
__attribute__((noinline)) static uint64_t tbl_reverse_chunks(const int32_t *src, int n)
{
	uint64_t h = 0;
	svuint32_t rev = svindex_u32((uint32_t)svcntw() - 1, (uint32_t)-1);
	for (int i = 0; i < n; i += (int)svcntw()) {
		svbool_t pg = svwhilelt_b32(i, n);
		svint32_t v = svld1_s32(pg, src + i);
		svint32_t r = svtbl_s32(v, rev);
		svst1_s32(pg, out + i, r);
	}
	for (int i = 0; i < n; i++)
		h = h * 31 + (uint32_t)out[i];
	return h;
}

/* SPLICE: the active segment of the first operand, then the second. */
__attribute__((noinline)) static uint64_t splice_mix(const int32_t *src, int n)
{
	uint64_t h = 7;
	for (int i = 0; i + 1 < n; i += (int)svcntw()) {
		svbool_t pg = svwhilelt_b32(i, n);
		svint32_t v = svld1_s32(pg, src + i);
		svbool_t firsthalf = svwhilelt_b32((uint64_t)0, svcntw() / 2);
		svint32_t s = svsplice_s32(firsthalf, svneg_s32_x(pg, v), v);
		svst1_s32(pg, out + i, s);
	}
	for (int i = 0; i < n; i++)
		h = h * 131 + (uint32_t)out[i];
	return h;
}

/* FADDA: in-order accumulation, equal to the scalar loop bit for bit. */
__attribute__((noinline)) static double fadda_sum(const double *x, int n)
{
	double s = 0.0;
	for (int i = 0; i < n; i += (int)svcntd()) {
		svbool_t pg = svwhilelt_b64(i, n);
		s = svadda_f64(pg, s, svld1_f64(pg, x + i));
	}
	return s;
}

/* FADDV: tree reduction per vector, so VL-dependent rounding. */
__attribute__((noinline)) static double faddv_sum(const double *x, int n)
{
	svfloat64_t acc = svdup_n_f64(0.0);
	for (int i = 0; i < n; i += (int)svcntd()) {
		svbool_t pg = svwhilelt_b64(i, n);
		acc = svadd_f64_m(pg, acc, svld1_f64(pg, x + i));
	}
	return svaddv_f64(svptrue_b64(), acc);
}

__attribute__((noinline)) static int64_t whilelt_dot(const int32_t *x, int n)
{
	svint64_t acc = svdup_n_s64(0);
	for (int i = 0; i < n; i += (int)svcntd()) {
		svbool_t pg = svwhilelt_b64(i, n);
		svint64_t v = svld1sw_s64(pg, x + i);
		acc = svmla_s64_m(pg, acc, v, v);
	}
	return svaddv_s64(svptrue_b64(), acc);
}

static uint64_t bits(double v)
{
	uint64_t u;
	__builtin_memcpy(&u, &v, 8);
	return u;
}

int main(void)
{
	printf("sve-acle: VL %lu bits, %lu words per vector\n", (unsigned long)svcntb() * 8,
	       (unsigned long)svcntw());
	for (int i = 0; i < N; i++) {
		a[i] = (int32_t)(lcg() % 2001) - 1000;
		d[i] = (double)((int32_t)(lcg() % 2000001) - 1000000) / 1024.0 + 0.1;
	}
	for (unsigned i = 0; i < sizeof text - 1; i++)
		text[i] = (char)('a' + lcg() % 26);
	static const unsigned lens[] = { 0, 1, 15, 16, 17, 63, 64, 255, 256, 600 };
	for (unsigned j = 0; j < sizeof lens / sizeof lens[0]; j++) {
		char saved = text[lens[j]];
		text[lens[j]] = 0;
		printf("ff_strlen(%u) = %lu\n", lens[j], (unsigned long)ff_strlen(text));
		text[lens[j]] = saved;
	}
	int k = filter_positive(out, a, N);
	uint64_t h = 0;
	for (int i = 0; i < k; i++)
		h = h * 33 + (uint32_t)out[i];
	printf("compact: %d positive, hash %#lx\n", k, (unsigned long)h);
	printf("tbl reverse chunks: %#lx\n", (unsigned long)tbl_reverse_chunks(a, N));
	printf("splice: %#lx\n", (unsigned long)splice_mix(a, N));
	double ref = 0.0;
	for (int i = 0; i < N; i++)
		ref += d[i];
	double fa = fadda_sum(d, N);
	printf("fadda %f bits %#lx, scalar bits %#lx: %s\n", fa, (unsigned long)bits(fa),
	       (unsigned long)bits(ref), bits(fa) == bits(ref) ? "equal" : "DIFFERENT");
	double fv = faddv_sum(d, N);
	printf("faddv %f bits %#lx\n", fv, (unsigned long)bits(fv));
	printf("whilelt dot %ld\n", (long)whilelt_dot(a, N));
	return 0;
}
