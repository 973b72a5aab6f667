/* Prints the SVE vector lengths a Linux process can get, for the
 * differential test of sve-vls against qemu-aarch64 (user mode).
 *
 * PR_SVE_SET_VL rounds a request down to the largest supported length that
 * is not above it, so asking for every multiple of 16 bytes from 16 to 256
 * (QEMU's ceiling) and collecting the distinct answers yields exactly the
 * enabled set. Without SVE the call fails with EINVAL: we print "none".
 * Output: the lengths in bits, ascending, space-separated, one line.
 */
#include <stdio.h>
#include <sys/prctl.h>

#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL 50
#endif
#define PR_SVE_VL_LEN_MASK 0xffff

int main(void)
{
	int seen[17] = { 0 };
	int first = 1;

	for (int bytes = 16; bytes <= 256; bytes += 16) {
		int r = prctl(PR_SVE_SET_VL, bytes, 0, 0, 0);
		if (r < 0) {
			printf("none\n");
			return 0;
		}
		int got = r & PR_SVE_VL_LEN_MASK;
		if (got % 16 == 0 && got >= 16 && got <= 256)
			seen[got / 16] = 1;
		else {
			printf("odd %d\n", got);
			return 1;
		}
	}
	for (int vq = 1; vq <= 16; vq++) {
		if (seen[vq]) {
			printf(first ? "%d" : " %d", vq * 128);
			first = 0;
		}
	}
	printf("\n");
	return 0;
}
