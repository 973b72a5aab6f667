/* Scalar integer work: a table-driven CRC-32 (the reflected 0xEDB88320
 * polynomial) over a buffer, and a shell sort of pseudo-random keys with a
 * multiplicative hash of the result. Built for Armv8.0 without vector
 * instructions in the hot loops. */
#include "bench.h"

#define BUF (1 << 16)
#define KEYS 4096
#define REPS (400 * SCALE)

static uint8_t buf[BUF];
static uint32_t crc_tab[256];
static uint32_t keys[KEYS];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_tab[i] = c;
	}
}

__attribute__((noinline)) static uint32_t crc32(const uint8_t *p, int n, uint32_t crc)
{
	crc = ~crc;
	for (int i = 0; i < n; i++)
		crc = crc_tab[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

__attribute__((noinline)) static void shell_sort(uint32_t *v, int n)
{
	static const int gaps[] = { 1750, 701, 301, 132, 57, 23, 10, 4, 1 };
	for (unsigned g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		int gap = gaps[g];
		for (int i = gap; i < n; i++) {
			uint32_t t = v[i];
			int j = i;
			while (j >= gap && v[j - gap] > t) {
				v[j] = v[j - gap];
				j -= gap;
			}
			v[j] = t;
		}
	}
}

int main(void)
{
	crc_init();
	for (int i = 0; i < BUF; i++)
		buf[i] = (uint8_t)bench_rand();
	uint64_t h = 0;
	for (int r = 0; r < REPS; r++) {
		uint32_t c = crc32(buf, BUF - r, (uint32_t)r);
		buf[r] ^= (uint8_t)c;
		for (int i = 0; i < KEYS; i++)
			keys[i] = bench_rand();
		shell_sort(keys, KEYS);
		uint64_t k = 0;
		for (int i = 0; i < KEYS; i += 7)
			k = k * 0x100000001B3ull ^ keys[i];
		h = h * 31 + c + k;
	}
	bench_report("scalar_int", h);
	return 0;
}
