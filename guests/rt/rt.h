/* The guests' small runtime: PL011 output, a printf subset, PSCI, SMP. */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define RT_MAX_CPUS 8

/* PSCI 0.2+ function ids (SMC32/SMC64 calling convention). */
#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON_64      0xC4000003u
#define PSCI_AFFINITY_INFO_64 0xC4000004u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u

#define PSCI_SUCCESS            0
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON         (-4)

void uart_putc(char c);
void uart_puts(const char *s);
int uart_getc(void); /* -1 when nothing is waiting */

int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);
#define printf rt_printf

long rt_psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void rt_system_off(void) __attribute__((noreturn));
void rt_cpu_off(void) __attribute__((noreturn));
/* Starts CPU `index` (MPIDR affinity 0.0.index) at fn(index). */
long rt_cpu_on(unsigned index, void (*fn)(unsigned index));

typedef struct { volatile uint32_t v; } rt_spinlock_t;
void rt_spin_lock(rt_spinlock_t *l);
void rt_spin_unlock(rt_spinlock_t *l);

static inline uint64_t rt_mpidr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

static inline unsigned rt_current_el(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
	return (unsigned)(v >> 2) & 3;
}

/* ID_AA64PFR0_EL1.SVE != 0 */
static inline int rt_have_sve(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(v));
	return ((v >> 32) & 0xf) != 0;
}

#endif
