/* Vector-length probe: writes ZCR_EL1.LEN = 0..15 and reads back the length
 * RDVL reports for each, as the kernel's sve-probe-vls does with the
 * set-length prctl. A request rounds down to the largest enabled length not
 * above (LEN + 1) x 128 bits, so the distinct answers are the enabled set. */
#include "rt.h"

static inline void write_zcr_el1(uint64_t v)
{
	__asm__ volatile("msr S3_0_C1_C2_0, %0\n\tisb" : : "r"(v) : "memory");
}

static inline uint64_t read_zcr_el1(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, S3_0_C1_C2_0" : "=r"(v));
	return v;
}

static inline uint64_t rdvl_bytes(void)
{
	uint64_t v;
	__asm__ volatile("rdvl %0, #1" : "=r"(v));
	return v;
}

int main(void)
{
	uint64_t id;
	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(id));
	printf("sve-probe: ID_AA64PFR0_EL1.SVE=%lu\n", (unsigned long)((id >> 32) & 0xf));
	if (!rt_have_sve()) {
		printf("no SVE: nothing to probe\n");
		return 0;
	}
	unsigned seen = 0;
	for (unsigned len = 0; len < 16; len++) {
		write_zcr_el1(len);
		uint64_t vl = rdvl_bytes();
		printf("ZCR_EL1.LEN=%2u (asks %4u bits) -> VL %4lu bits, ZCR_EL1 reads %#lx\n", len,
		       (len + 1) * 128, (unsigned long)(vl * 8), (unsigned long)read_zcr_el1());
		if (vl >= 16 && vl <= 256 && vl % 16 == 0)
			seen |= 1u << (vl / 16 - 1);
	}
	printf("enabled lengths (bits):");
	for (unsigned vq = 1; vq <= 16; vq++)
		if (seen & (1u << (vq - 1)))
			printf(" %u", vq * 128);
	printf("\n");
	write_zcr_el1(15);
	return 0;
}
