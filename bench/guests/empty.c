/* Does nothing: its time is the emulator's start-up and shut-down cost
 * (process start, RAM set-up, ELF load, PSCI SYSTEM_OFF, exit). */
#include "bench.h"

int main(void)
{
	bench_report("empty", 0);
	return 0;
}
