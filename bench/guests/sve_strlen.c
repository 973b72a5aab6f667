/* strlen with first-fault loads (SETFFR, LDFF1B, RDFFR, CMPEQ, BRKB, CNTP)
 * over a long string whose length changes every repetition. */
#include <arm_sve.h>
#include "bench.h"

#define LEN (1 << 18)
#define REPS (720 * SCALE)

static char text[LEN + 64];

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

int main(void)
{
	for (int i = 0; i < LEN; i++)
		text[i] = (char)('a' + bench_rand() % 26);
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		uint32_t cut = LEN - 1 - (bench_rand() & 1023);
		text[cut] = 0;
		h = h * 33 + ff_strlen(text + (r & 15));
		text[cut] = 'z';
	}
	bench_report("sve_strlen", h);
	return 0;
}
