/*
 * Start-up for bare-metal guests of QEMU's virt board (and svevm).
 *
 * Entered at the ELF entry point in EL1h with the MMU and caches off (QEMU
 * -kernel ELF, virtualization=off, secure=off: EL1 is the highest EL).
 * Secondary CPUs start powered off and are started with PSCI CPU_ON at
 * rt_secondary_entry with their index in x0 (the context id).
 */
	.section .text.boot, "ax"
	.global _start
_start:
	/* First make any exception reportable: FP on (variadic C functions
	 * save the FP argument registers), a stack, the vector table. */
	mov	x0, #(3 << 20)
	msr	cpacr_el1, x0
	adrp	x0, __stacks_start
	add	x0, x0, :lo12:__stacks_start
	add	sp, x0, #(1 << 14)
	adrp	x0, rt_vectors
	add	x0, x0, :lo12:rt_vectors
	msr	vbar_el1, x0
	isb
	/* Only the CPU with affinity 0.0.0 runs main; any other that arrives
	 * here (a board that releases all CPUs) parks. */
	mrs	x1, mpidr_el1
	and	x1, x1, #0xffffff
	cbnz	x1, park

	mov	x0, #0
	bl	cpu_setup

	/* Zero .bss: QEMU's loader and svevm's zero it already, a reset
	 * (PSCI SYSTEM_RESET) on real hardware would not. */
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:
	bl	main
	bl	rt_system_off
park:
	wfe
	b	park

	.text
	.global rt_secondary_entry
rt_secondary_entry:
	mov	x19, x0
	bl	cpu_setup
	mov	x0, x19
	bl	rt_secondary_main
	bl	rt_cpu_off
	b	park

/* x0 = CPU index: set SP_EL1 to the top of that CPU's stack, enable FP,
 * AdvSIMD and SVE, raise ZCR_EL1.LEN to the maximum and install the vector
 * table. Clobbers x0-x2, keeps x19/x30 (no stack is used before SP is set). */
cpu_setup:
	adrp	x1, __stacks_start
	add	x1, x1, :lo12:__stacks_start
	add	x0, x0, #1
	lsl	x0, x0, #14		/* 16 KiB per CPU */
	add	x1, x1, x0
	mov	sp, x1

	/* CPACR_EL1.FPEN = 0b11, ZEN = 0b11: no traps for FP/AdvSIMD/SVE.
	 * (ZEN is RES0 without SVE, so writing it is harmless.) */
	mov	x0, #(3 << 20) | (3 << 16)
	msr	cpacr_el1, x0
	isb

	/* ZCR_EL1 is UNKNOWN at reset (QEMU and KVM make it 0, i.e. 128
	 * bits). Asking for LEN = 15 gives the largest enabled length. Only
	 * when ID_AA64PFR0_EL1.SVE says SVE is there: otherwise ZCR_EL1 is
	 * UNDEFINED. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #32, #4
	cbz	x0, 1f
	mov	x0, #15
	msr	S3_0_C1_C2_0, x0	/* ZCR_EL1 */
	isb
1:
	adrp	x0, rt_vectors
	add	x0, x0, :lo12:rt_vectors
	msr	vbar_el1, x0
	isb
	ret

/* PSCI through HVC: QEMU's virt board with virtualization=off implements
 * PSCI itself with the "hvc" conduit (as KVM does for its guests). SMC
 * calling convention: function id in w0, arguments in x1-x3, result in x0. */
	.global rt_psci_call
rt_psci_call:
	hvc	#0
	ret

	.global rt_system_off
rt_system_off:
	movz	w0, #0x0008
	movk	w0, #0x8400, lsl #16	/* SYSTEM_OFF */
	hvc	#0
	b	park

	.global rt_cpu_off
rt_cpu_off:
	movz	w0, #0x0002
	movk	w0, #0x8400, lsl #16	/* CPU_OFF */
	hvc	#0
	b	park

/* Plain byte loops: compilers emit calls to these even with -ffreestanding,
 * and written in C they could be turned back into calls to themselves.
 * Byte accesses are always aligned (data is Device memory with the MMU off). */
	.global memcpy
	.global memmove
memcpy:
memmove:
	mov	x3, x0
	cmp	x1, x0
	b.hs	2f
	/* dst above src: copy backwards */
	add	x1, x1, x2
	add	x3, x3, x2
1:	cbz	x2, 3f
	ldrb	w4, [x1, #-1]!
	strb	w4, [x3, #-1]!
	sub	x2, x2, #1
	b	1b
2:	cbz	x2, 3f
	ldrb	w4, [x1], #1
	strb	w4, [x3], #1
	sub	x2, x2, #1
	b	2b
3:	ret

	.global memset
memset:
	mov	x3, x0
1:	cbz	x2, 2f
	strb	w1, [x3], #1
	sub	x2, x2, #1
	b	1b
2:	ret

	.global memcmp
memcmp:
	mov	x3, #0
1:	cmp	x3, x2
	b.hs	2f
	ldrb	w4, [x0, x3]
	ldrb	w5, [x1, x3]
	add	x3, x3, #1
	cmp	w4, w5
	b.eq	1b
	sub	w0, w4, w5
	ret
2:	mov	w0, #0
	ret

/* Exception vectors: every entry reports and powers off. */
	.macro vec kind
	.balign 0x80
	mov	x0, #\kind
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	rt_exception
	.endm

	.balign 0x800
rt_vectors:
	vec 0
	vec 1
	vec 2
	vec 3
	vec 4
	vec 5
	vec 6
	vec 7
	vec 8
	vec 9
	vec 10
	vec 11
	vec 12
	vec 13
	vec 14
	vec 15

/* libm entry points that compilers may call for __builtin_sqrt at -O0 (to
 * set errno on negative input, which freestanding code has no use for). */
	.text
	.global sqrt
	.global sqrtf
sqrt:
	fsqrt	d0, d0
	ret
sqrtf:
	fsqrt	s0, s0
	ret
/* The same for other builtins that clang calls at -O0: each is one
 * instruction with exactly C's semantics (fmax/fmin are FMAXNM/FMINNM,
 * rint honours the rounding mode as FRINTX does, round is ties-away). */
	.global fma, fmaf, fmax, fmin, rint, floor, ceil, trunc, round
fma:	fmadd	d0, d0, d1, d2
	ret
fmaf:	fmadd	s0, s0, s1, s2
	ret
fmax:	fmaxnm	d0, d0, d1
	ret
fmin:	fminnm	d0, d0, d1
	ret
rint:	frintx	d0, d0
	ret
floor:	frintm	d0, d0
	ret
ceil:	frintp	d0, d0
	ret
trunc:	frintz	d0, d0
	ret
round:	frinta	d0, d0
	ret
