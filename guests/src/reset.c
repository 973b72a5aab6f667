/* PSCI SYSTEM_RESET: the first boot leaves a mark in RAM outside the image
 * (a reset reloads the image but keeps the rest of RAM, on QEMU's virt as on
 * hardware) and resets; the second boot sees the mark and powers off. */
#include "rt.h"

#define MARK_ADDR 0x47000000ul /* 112 MiB into the default 128 MiB of RAM */
#define MARK 0x5e7e5e7e5e7e5e7eull

int main(void)
{
	volatile uint64_t *mark = (volatile uint64_t *)MARK_ADDR;
	if (*mark != MARK) {
		printf("first boot: resetting with PSCI SYSTEM_RESET\n");
		*mark = MARK;
		rt_psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
		printf("SYSTEM_RESET returned!\n");
		return 1;
	}
	*mark = 0;
	printf("second boot: the mark survived the reset; powering off\n");
	return 0;
}
