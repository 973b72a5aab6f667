/* SMP guest: the boot CPU starts every other CPU with PSCI CPU_ON until one
 * does not exist; each secondary prints its MPIDR_EL1 in turn, then all CPUs
 * hammer a shared counter with atomics and another under a spinlock. The
 * totals prove the atomics; the turn-taking makes the output deterministic. */
#include "rt.h"

#define ITERS 2000

static volatile unsigned turn;     /* whose turn it is to print */
static volatile unsigned ncpus;    /* CPUs running (boot CPU included) */
static volatile unsigned go;       /* start of the contention phase */
static unsigned long atomic_total; /* updated with atomic adds */
static unsigned long locked_total; /* updated under lock */
static unsigned finished;          /* CPUs done with the contention phase */
static rt_spinlock_t lock;
static uint64_t mpidrs[RT_MAX_CPUS];

static void contend(void)
{
	for (int i = 0; i < ITERS; i++) {
		__atomic_fetch_add(&atomic_total, 1, __ATOMIC_RELAXED);
		rt_spin_lock(&lock);
		locked_total += 2;
		rt_spin_unlock(&lock);
	}
	__atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
}

static void secondary(unsigned index)
{
	mpidrs[index] = rt_mpidr();
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != index)
		;
	printf("cpu %u: up, MPIDR_EL1=%#lx, EL%u\n", index, (unsigned long)rt_mpidr(), rt_current_el());
	__atomic_store_n(&turn, index + 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	contend();
	/* returning powers this CPU off (PSCI CPU_OFF) */
}

int main(void)
{
	printf("cpu 0: boot CPU, MPIDR_EL1=%#lx, EL%u\n", (unsigned long)rt_mpidr(), rt_current_el());
	unsigned n = 1;
	for (unsigned i = 1; i < RT_MAX_CPUS; i++) {
		long r = rt_cpu_on(i, secondary);
		if (r != PSCI_SUCCESS) {
			printf("CPU_ON(cpu %u) -> %ld (no such CPU)\n", i, r);
			break;
		}
		n++;
	}
	ncpus = n;
	printf("%u CPUs\n", n);
	__atomic_store_n(&turn, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != n)
		;
	if (n > 1) {
		long r = rt_cpu_on(1, secondary);
		printf("CPU_ON(cpu 1) again -> %ld (already on)\n", r);
	}
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	contend();
	while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) != n)
		;
	printf("atomic total %lu (want %lu), locked total %lu (want %lu)\n", atomic_total,
	       (unsigned long)n * ITERS, locked_total, (unsigned long)n * ITERS * 2);
	for (unsigned i = 1; i < n; i++) {
		/* AFFINITY_INFO: 0 ON, 1 OFF, 2 ON_PENDING */
		long st;
		do
			st = rt_psci_call(PSCI_AFFINITY_INFO_64, i, 0, 0);
		while (st == 0);
		printf("cpu %u: AFFINITY_INFO -> %ld (off)\n", i, st);
	}
	printf("smp done\n");
	return 0;
}
