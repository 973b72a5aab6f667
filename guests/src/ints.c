/* Plain integer C, built at -O0..-O3 by both compilers: arithmetic corner
 * cases (division by zero and INT_MIN / -1 give 0 and INT_MIN on AArch64),
 * shifts, bit counting, 128-bit products, a sieve, sorting and hashing. */
#include "rt.h"

static volatile int64_t vz = 0, vm1 = -1; /* defeat constant folding */

static uint32_t crc32_sw(const uint8_t *p, int n)
{
	uint32_t c = 0xffffffffu;
	for (int i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void insertion_sort(int32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		int32_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static uint64_t fib(unsigned n)
{
	uint64_t a = 0, b = 1;
	while (n--) {
		uint64_t t = a + b;
		a = b;
		b = t;
	}
	return a;
}

static unsigned collatz_steps(uint64_t n)
{
	unsigned s = 0;
	while (n != 1) {
		n = (n & 1) ? 3 * n + 1 : n / 2;
		s++;
	}
	return s;
}

static uint8_t sieve[4000];
static int32_t arr[300];
static uint8_t buf[1024];

struct packed_like {
	uint8_t tag;
	uint16_t half;
	uint32_t word;
	uint64_t dword;
};

int main(void)
{
	printf("ints: integer tests\n");

	/* division corner cases */
	int64_t zero = vz, m1 = vm1;
	int64_t min64 = INT64_MIN;
	printf("div by zero: %ld %lu\n", (long)(100 / (zero ? zero : 1)) * 0 + (long)(vz ? 1 : 0),
	       (unsigned long)0);
	int32_t q;
	__asm__ volatile("sdiv %w0, %w1, %w2" : "=r"(q) : "r"(7), "r"((int32_t)zero));
	printf("sdiv w by 0 -> %d\n", q);
	int64_t q64;
	__asm__ volatile("sdiv %0, %1, %2" : "=r"(q64) : "r"(min64), "r"(m1));
	printf("INT64_MIN / -1 -> %ld\n", (long)q64);
	printf("-7 / 2 = %ld, -7 %% 2 = %ld, 7u / 3 = %u\n", (long)(-7 / (2 + zero)),
	       (long)(-7 % (2 + zero)), 7u / (3u + (unsigned)zero));

	/* shifts and rotates */
	uint64_t x = 0x8000000000000001ull + (uint64_t)zero;
	int64_t sx = (int64_t)0x8000000000000000ull + zero;
	printf("lsr %#lx asr %#lx lsl %#lx ror %#lx\n", (unsigned long)(x >> 3), (unsigned long)(sx >> 3),
	       (unsigned long)(x << 5), (unsigned long)((x >> 13) | (x << 51)));
	unsigned sh = 67 + (unsigned)zero;
	uint64_t y;
	__asm__ volatile("lsl %0, %1, %2" : "=r"(y) : "r"(x), "r"((uint64_t)sh));
	printf("lslv by 67 (mod 64) -> %#lx\n", (unsigned long)y);

	/* bit counting */
	uint64_t bits = 0x00f0f0f000001230ull + (uint64_t)zero;
	printf("clz %d ctz %d popcount %d clrsb %d\n", __builtin_clzll(bits), __builtin_ctzll(bits),
	       __builtin_popcountll(bits), __builtin_clrsbll((int64_t)bits));
	printf("bswap %#lx rbit-ish %#x\n", (unsigned long)__builtin_bswap64(bits),
	       __builtin_bswap32((uint32_t)bits));

	/* 128-bit products (UMULH/SMULH) */
	unsigned __int128 p = (unsigned __int128)0xfedcba9876543210ull * (0x0123456789abcdefull + (uint64_t)zero);
	__int128 sp = (__int128)(int64_t)-0x123456789abcdefll * (0x7edcba9876543210ll + zero);
	printf("umul128 hi %#lx lo %#lx\n", (unsigned long)(uint64_t)(p >> 64), (unsigned long)(uint64_t)p);
	printf("smul128 hi %#lx lo %#lx\n", (unsigned long)(uint64_t)((unsigned __int128)sp >> 64),
	       (unsigned long)(uint64_t)sp);

	/* overflow builtins (flags) */
	int32_t r32;
	int ov = __builtin_add_overflow((int32_t)0x7fffffff + (int32_t)zero, 1, &r32);
	uint64_t r64;
	int uv = __builtin_sub_overflow((uint64_t)zero, 1ull, &r64);
	printf("add ovf %d (%d), sub borrow %d (%#lx)\n", ov, r32, uv, (unsigned long)r64);

	/* sieve of Eratosthenes */
	int primes = 0;
	uint64_t psum = 0;
	for (int i = 2; i < 4000; i++) {
		if (sieve[i])
			continue;
		primes++;
		psum += (uint64_t)i;
		for (int j = i * i; j < 4000; j += i)
			sieve[j] = 1;
	}
	printf("primes below 4000: %d, sum %lu\n", primes, (unsigned long)psum);

	printf("fib(90) %lu, collatz(837799) %u steps\n", (unsigned long)fib(90), collatz_steps(837799));

	uint32_t s = 2463534242u;
	for (int i = 0; i < 300; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		arr[i] = (int32_t)s >> 7;
	}
	insertion_sort(arr, 300);
	int sorted = 1;
	for (int i = 1; i < 300; i++)
		sorted &= arr[i - 1] <= arr[i];
	printf("sort: sorted=%d min %d median %d max %d\n", sorted, arr[0], arr[150], arr[299]);

	for (int i = 0; i < 1024; i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 3));
	printf("crc32 %#x\n", crc32_sw(buf, 1024));

	/* narrow types, sign and zero extension */
	volatile int8_t c8 = -100;
	volatile uint16_t u16 = 65000;
	int32_t mix = c8 * 3 + u16 / 7 + (int16_t)u16;
	printf("narrow: %d %u %d %d\n", c8, u16, (int16_t)u16, mix);

	/* structure copies (memcpy/memmove from the runtime at -O0) */
	struct packed_like st[3] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } };
	struct packed_like t = st[1];
	st[1] = st[2];
	st[2] = t;
	printf("structs: %u %u %u %lu\n", st[1].tag, st[2].half, st[1].word, (unsigned long)st[2].dword);

	/* conditional select chains and switch tables */
	int acc = 0;
	for (int i = 0; i < 40; i++) {
		switch (i % 7) {
		case 0: acc += i; break;
		case 1: acc -= 2 * i; break;
		case 2: acc ^= i << 3; break;
		case 3: acc = acc > 100 ? acc - 100 : acc + 33; break;
		case 5: acc *= -1; break;
		default: acc += 1; break;
		}
	}
	printf("switch acc %d\n", acc);
	return 0;
}
