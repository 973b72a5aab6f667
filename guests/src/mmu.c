/*
 * Stage 1 MMU at EL1: builds translation tables for the 4K, 16K and 64K granules,
 * turns the MMU on, and prints what reads, writes, branches and AT instructions
 * do through them: values, PAR_EL1 and, for the faults, ESR_EL1 and FAR_EL1.
 * Everything printed is architecturally defined (no TLB staleness, no UNKNOWN
 * fields: PAR_EL1.NS is masked, AT is used on Normal memory only).
 */
#include "rt.h"

#define TABLE     3ull
#define PAGE      3ull
#define BLOCK     1ull
#define AF        (1ull << 10)
#define SH_IS     (3ull << 8)
#define AP_RW_ALL (1ull << 6)
#define AP_RO_EL1 (2ull << 6)
#define AP_RO_ALL (3ull << 6)
#define PXN       (1ull << 53)
#define UXN       (1ull << 54)
#define NORMAL    (0ull << 2) /* MAIR attr 0: 0xFF */
#define DEVICE    (1ull << 2) /* MAIR attr 1: 0x00 */
#define MEM       (AF | SH_IS | NORMAL)

#define TV        0x1000000000ull /* test VA base */
#define RAM_BASE  0x40000000ull
#define UART_BASE 0x09000000ull

/* 4K: T0SZ = 25, walk from level 1. */
static uint64_t l1_4k[512] __attribute__((aligned(4096)));
static uint64_t l2_4k[512] __attribute__((aligned(4096)));
static uint64_t l3_4k[512] __attribute__((aligned(4096)));
/* 16K: T0SZ = 25, walk from level 1 (8 entries). */
static uint64_t l1_16k[2048] __attribute__((aligned(16384)));
static uint64_t l2_16k[2048] __attribute__((aligned(16384)));
static uint64_t l2t_16k[2048] __attribute__((aligned(16384)));
static uint64_t l3t_16k[2048] __attribute__((aligned(16384)));
/* 64K: T0SZ = 25, walk from level 2 (1024 entries). */
static uint64_t l2_64k[8192] __attribute__((aligned(65536)));
static uint64_t l3_64k[8192] __attribute__((aligned(65536)));
/* Data pages: 64 KiB, 64K-aligned. */
static volatile uint64_t scratch[16][512] __attribute__((aligned(65536)));

volatile uint64_t trap_esr, trap_far, traps;

uint64_t probe_ld(uint64_t va);
uint32_t probe_ld32(uint64_t va);
void probe_st(uint64_t va, uint64_t v);
uint64_t probe_ldtr(uint64_t va);
uint64_t probe_at(uint64_t va, unsigned op);

/* Vectors: every synchronous exception is recorded and resumed: after the
 * faulting instruction for a data abort, at the caller (x30) for an
 * instruction abort (only ever taken on a branch to a probed page). The
 * handler clobbers x9/x10 only, which the probes' callers do not keep. */
__asm__(
	"	.text\n"
	"	.balign 0x800\n"
	"mmu_vectors:\n"
	"	.rept 16\n"
	"	.balign 0x80\n"
	"	b mmu_trap\n"
	"	.endr\n"
	"mmu_trap:\n"
	"	mrs x9, esr_el1\n"
	"	adrp x10, trap_esr\n"
	"	str x9, [x10, :lo12:trap_esr]\n"
	"	mrs x9, far_el1\n"
	"	adrp x10, trap_far\n"
	"	str x9, [x10, :lo12:trap_far]\n"
	"	adrp x10, traps\n"
	"	ldr x9, [x10, :lo12:traps]\n"
	"	add x9, x9, #1\n"
	"	str x9, [x10, :lo12:traps]\n"
	"	mrs x9, esr_el1\n"
	"	lsr x9, x9, #27\n"
	"	cmp x9, #0x10\n" /* EC 0x20/0x21 */
	"	b.eq 1f\n"
	"	mrs x9, elr_el1\n"
	"	add x9, x9, #4\n"
	"	msr elr_el1, x9\n"
	"	eret\n"
	"1:	msr elr_el1, x30\n"
	"	eret\n"
	"	.global probe_ld\n"
	"probe_ld:\n"
	"	ldr x0, [x0]\n"
	"	ret\n"
	"	.global probe_ld32\n"
	"probe_ld32:\n"
	"	ldr w0, [x0]\n"
	"	ret\n"
	"	.global probe_st\n"
	"probe_st:\n"
	"	str x1, [x0]\n"
	"	ret\n"
	"	.global probe_ldtr\n"
	"probe_ldtr:\n"
	"	ldtr x0, [x0]\n"
	"	ret\n"
	"	.global probe_at\n"
	"probe_at:\n"
	"	cmp w1, #1\n"
	"	b.eq 1f\n"
	"	cmp w1, #2\n"
	"	b.eq 2f\n"
	"	cmp w1, #3\n"
	"	b.eq 3f\n"
	"	at s1e1r, x0\n"
	"	b 4f\n"
	"1:	at s1e1w, x0\n"
	"	b 4f\n"
	"2:	at s1e0r, x0\n"
	"	b 4f\n"
	"3:	at s1e0w, x0\n"
	"4:	isb\n"
	"	mrs x0, par_el1\n"
	"	ret\n");

extern char mmu_vectors[];

#define SYSREG_W(r, v) __asm__ volatile("msr " #r ", %0\n\tisb" : : "r"((uint64_t)(v)) : "memory")

static void tlbi_all(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

static void tlbi_va(uint64_t va)
{
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tisb" : : "r"(va >> 12) : "memory");
}

/* SCTLR_EL1: RES1 bits (29, 28, 23 SPAN, 22, 20, 11) plus M, C, I. (No WXN
 * here: the image's identity mapping is writable.) */
static void mmu_set(int on)
{
	uint64_t v = 0x30D00800ull;
	if (on)
		v |= 1 | 1 << 2 | 1 << 12;
	SYSREG_W(sctlr_el1, v);
	tlbi_all();
}

static void report(const char *what)
{
	if (traps)
		printf("%-28s fault ESR=%lx FAR=%lx\n", what, (unsigned long)trap_esr,
		       (unsigned long)trap_far);
	else
		printf("%-28s ok\n", what);
	traps = 0;
}

static void ld(const char *what, uint64_t va)
{
	traps = 0;
	uint64_t v = probe_ld(va);
	if (!traps)
		printf("%-28s = %lx\n", what, (unsigned long)v);
	else
		report(what);
}

static void st(const char *what, uint64_t va, uint64_t v)
{
	traps = 0;
	probe_st(va, v);
	report(what);
}

static void at(const char *what, uint64_t va, unsigned op)
{
	/* NS (bit 9) is UNKNOWN for a Non-secure translation regime. */
	uint64_t par = probe_at(va, op) & ~(1ull << 9);
	printf("%-28s PAR=%lx\n", what, (unsigned long)par);
}

static void exec(const char *what, uint64_t va)
{
	traps = 0;
	((void (*)(void))va)();
	report(what);
}

static uint64_t pa(volatile void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static void fill(void)
{
	for (unsigned i = 0; i < 16; i++)
		for (unsigned j = 0; j < 512; j++)
			scratch[i][j] = (uint64_t)i << 32 | j;
	/* A "ret" at the start of page 6, made visible to instruction fetch. */
	scratch[6][0] = 0xd503201fd65f03c0ull; /* ret; nop */
	__asm__ volatile("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");
}

static void tests_4k(void)
{
	printf("-- 4K granule\n");
	/* Identity: 1 GiB blocks for the device space (UART) and RAM. */
	l1_4k[0] = 0 | AF | DEVICE | BLOCK;
	l1_4k[1] = RAM_BASE | MEM | BLOCK;
	l1_4k[0x40] = pa(l2_4k) | TABLE;
	l2_4k[0] = pa(l3_4k) | TABLE;
	l3_4k[0] = pa(scratch[0]) | MEM | PAGE;
	l3_4k[1] = pa(scratch[1]) | MEM | AP_RW_ALL | PAGE;
	l3_4k[2] = pa(scratch[2]) | MEM | AP_RO_EL1 | PAGE;
	l3_4k[3] = pa(scratch[3]) | MEM | AP_RO_ALL | PAGE;
	l3_4k[4] = pa(scratch[4]) | SH_IS | PAGE; /* AF = 0 */
	l3_4k[5] = pa(scratch[5]) | AF | DEVICE | PAGE;
	l3_4k[6] = pa(scratch[6]) | MEM | AP_RO_ALL | PAGE;
	l3_4k[7] = pa(scratch[6]) | MEM | AP_RO_ALL | PXN | PAGE;
	l3_4k[8] = pa(scratch[6]) | MEM | PAGE; /* EL1 writable */
	l3_4k[9] = pa(scratch[7]) | MEM | PAGE;
	l3_4k[11] = pa(scratch[6]) | MEM | AP_RW_ALL | PAGE; /* EL0 writable */
	l3_4k[12] = pa(scratch[6]) | MEM | AP_RO_ALL | UXN | PAGE;
	/* A 2 MiB block at L2[1] over scratch's 2 MiB region. */
	l2_4k[1] = (pa(scratch[0]) & ~0x1fffffull) | MEM | BLOCK;

	SYSREG_W(mair_el1, 0xff);
	/* T0SZ = 25, TG0 = 4K, SH0/ORGN0/IRGN0 = inner shareable WB, EPD1, IPS = 48 bits. */
	SYSREG_W(tcr_el1, 25 | 1 << 8 | 1 << 10 | 3 << 12 | 1ull << 23 | 5ull << 32);
	SYSREG_W(ttbr0_el1, pa(l1_4k));
	mmu_set(1);
	uint64_t sctlr;
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	printf("MMU on: SCTLR_EL1.M=%lu\n", (unsigned long)(sctlr & 1));

	ld("read page 0 +0x18", TV + 0x18);
	ld("read page 3 +0xff8", TV + 0x3ff8);
	ld("read 2M block +0x10008", TV + 0x200000 + (pa(scratch[1]) & 0x1fffff) + 8);
	st("write page 0", TV + 0x10, 0x1234);
	ld("read back via identity", pa(&scratch[0][2]));
	st("write RO (EL1) page 2", TV + 0x2000, 1);
	st("write RO page 3", TV + 0x3000, 1);
	ld("read AF=0 page 4", TV + 0x4008);
	ld("read unmapped L3 (page 10)", TV + 0xa000);
	ld("read unmapped L2", TV + 0x400000);
	ld("read unmapped L1", TV + 0x40000000);
	ld("read beyond T0SZ (L0)", 0x8000000000ull);
	ld("read TTBR1 range (EPD1)", 0xffffffffffff0000ull);
	traps = 0;
	probe_ld32(TV + 0x1);
	report("unaligned ldr w Normal");

	traps = 0;
	probe_ldtr(TV + 0x1000);
	report("ldtr EL0-RW page 1");
	traps = 0;
	probe_ldtr(TV + 0x0000);
	report("ldtr EL1-only page 0");
	__asm__ volatile("msr pan, #1" ::: "memory");
	ld("PAN: read page 1", TV + 0x1008);
	ld("PAN: read page 0", TV + 0x0008);
	traps = 0;
	probe_ldtr(TV + 0x1000);
	report("PAN: ldtr page 1");
	at("PAN: at s1e1r page 1", TV + 0x1000, 0);
	__asm__ volatile("msr pan, #0" ::: "memory");

	exec("exec page 6 (RO)", TV + 0x6000);
	exec("exec page 7 (PXN)", TV + 0x7000);
	exec("exec page 8 (EL1 RW)", TV + 0x8000);
	exec("exec page 11 (EL0 RW)", TV + 0xb000);
	exec("exec page 12 (UXN)", TV + 0xc000);

	at("at s1e1r page 0", TV + 0x0123, 0);
	at("at s1e1w page 2", TV + 0x2000, 1);
	at("at s1e0r page 1", TV + 0x1fff, 2);
	at("at s1e0w page 3", TV + 0x3000, 3);
	at("at s1e0r page 3", TV + 0x3000, 2);
	at("at s1e1r page 4 (AF=0)", TV + 0x4000, 0);
	at("at s1e1r unmapped L3", TV + 0xa000, 0);
	at("at s1e1r unmapped L2", TV + 0x400000, 0);
	at("at s1e1r beyond T0SZ", 0x8000000000ull, 0);

	/* Remap page 9 and invalidate it: the new mapping is used. */
	ld("page 9 before remap", TV + 0x9000);
	l3_4k[9] = pa(scratch[8]) | MEM | PAGE;
	tlbi_va(TV + 0x9000);
	ld("page 9 after remap+TLBI", TV + 0x9000);
	l3_4k[9] = 0;
	tlbi_va(TV + 0x9000);
	ld("page 9 after unmap+TLBI", TV + 0x9000);

	/* TBI0: the top byte is ignored for data addresses. */
	ld("tagged address, TBI0=0", 0x5a00000000000000ull | (TV + 0x18));
	SYSREG_W(tcr_el1, 25 | 1 << 8 | 1 << 10 | 3 << 12 | 1ull << 23 | 5ull << 32 | 1ull << 37);
	tlbi_all();
	ld("tagged address, TBI0=1", 0x5a00000000000000ull | (TV + 0x18));
	mmu_set(0);
}

static void tests_16k(void)
{
	printf("-- 16K granule\n");
	/* L1: VA[38:36]; L2: VA[35:25], 32 MiB blocks; L3: VA[24:14], 16 KiB pages. */
	l1_16k[0] = pa(l2_16k) | TABLE;
	l2_16k[UART_BASE >> 25] = (UART_BASE & ~0x1ffffffull) | AF | DEVICE | BLOCK;
	l2_16k[RAM_BASE >> 25] = RAM_BASE | MEM | BLOCK;
	l1_16k[TV >> 36] = pa(l2t_16k) | TABLE; /* VA 0x10_0000_0000: L1 index 1 */
	l2t_16k[0] = pa(l3t_16k) | TABLE;
	l3t_16k[0] = pa(scratch[0]) | MEM | PAGE;
	l3t_16k[1] = pa(scratch[4]) | MEM | AP_RO_EL1 | PAGE;
	l3t_16k[3] = pa(scratch[8]) | MEM | PAGE;
	SYSREG_W(tcr_el1, 25 | 2 << 14 | 1ull << 23 | 5ull << 32);
	SYSREG_W(ttbr0_el1, pa(l1_16k));
	mmu_set(1);
	ld("read 16K page 0 +0x3ff8", TV + 0x3ff8);
	ld("read 16K page 1 +0x10", TV + 0x4010);
	st("write 16K page 1 (RO)", TV + 0x4010, 5);
	ld("read 16K page 2 (hole)", TV + 0x8000);
	ld("read 16K page 3 +0x2000", TV + 0xe000);
	ld("read 16K L2 hole", TV + 0x2000000);
	at("at s1e1r 16K page 3", TV + 0xe123, 0);
	mmu_set(0);
}

static void tests_64k(void)
{
	printf("-- 64K granule\n");
	/* T0SZ = 25: level 2 (VA[38:29], 512 MiB blocks) then level 3 (64 KiB). */
	l2_64k[0] = 0 | AF | DEVICE | BLOCK;
	l2_64k[RAM_BASE >> 29] = RAM_BASE | MEM | BLOCK;
	l2_64k[TV >> 29] = pa(l3_64k) | TABLE;
	l3_64k[0] = pa(scratch[0]) | MEM | PAGE;
	l3_64k[2] = pa(scratch[0]) | MEM | AP_RO_ALL | PAGE;
	SYSREG_W(tcr_el1, 25 | 1 << 14 | 1ull << 23 | 5ull << 32);
	SYSREG_W(ttbr0_el1, pa(l2_64k));
	mmu_set(1);
	ld("read 64K page 0 +0xfff8", TV + 0xfff8);
	ld("read 64K page 0 +0x8008", TV + 0x8008);
	ld("read 64K page 1 (hole)", TV + 0x10000);
	st("write 64K page 2 (RO)", TV + 0x20000, 1);
	ld("read 64K L2 hole", TV + 0x20000000);
	at("at s1e0r 64K page 2", TV + 0x2abcd, 2);
	at("at s1e0r 64K page 0", TV + 0x1234, 2);
	mmu_set(0);
}

int main(void)
{
	printf("mmu: stage 1 translation at EL%u\n", rt_current_el());
	uint64_t mmfr0;
	__asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	/* TGran4/TGran64: 0xF = not supported; TGran16: 0 = not supported (the
	 * other values also tell 52-bit support, which differs between PEs). */
	printf("TGran4 %s, TGran16 %s, TGran64 %s\n", ((mmfr0 >> 28) & 0xf) != 0xf ? "yes" : "no",
	       ((mmfr0 >> 20) & 0xf) != 0 ? "yes" : "no", ((mmfr0 >> 24) & 0xf) != 0xf ? "yes" : "no");
	fill();
	SYSREG_W(vbar_el1, mmu_vectors);
	tests_4k();
	tests_16k();
	tests_64k();
	printf("mmu: done\n");
	return 0;
}
