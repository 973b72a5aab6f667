/* The smallest demo: prints a greeting and where it runs. */
#include "rt.h"

int main(void)
{
	printf("Hello from a bare-metal AArch64 guest!\n");
	printf("running at EL%u, MPIDR_EL1=%#lx\n", rt_current_el(), rt_mpidr());
	printf("SVE: %s\n", rt_have_sve() ? "present" : "absent");
	printf("goodbye (PSCI SYSTEM_OFF)\n");
	return 0;
}
