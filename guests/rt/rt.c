/* The guests' runtime in C: PL011 UART, printf subset, PSCI helpers, SMP
 * entry, spinlock, exception report. */
#include "rt.h"

/* PL011 on QEMU's virt board. The device needs no set-up there (QEMU's model
 * transmits without UARTCR being programmed). Accesses are 32 bits wide. */
#define UART_BASE 0x09000000ul
#define UARTDR  0x000
#define UARTFR  0x018
#define UARTFR_TXFF (1u << 5)
#define UARTFR_RXFE (1u << 4)

static inline uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

void uart_putc(char c)
{
	while (mmio_read32(UART_BASE + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(UART_BASE + UARTDR, (uint8_t)c);
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

int uart_getc(void)
{
	if (mmio_read32(UART_BASE + UARTFR) & UARTFR_RXFE)
		return -1;
	return (int)(mmio_read32(UART_BASE + UARTDR) & 0xff);
}

/* ---- printf subset: %d %i %u %x %X %o %p %s %c %f %e-less, flags - 0 +,
 * width, precision, length modifiers h hh l ll z. Output goes through a
 * line buffer so that concurrent CPUs under the lock print whole lines. */

static rt_spinlock_t print_lock;

struct out {
	int n;
};

static void out_c(struct out *o, char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
	o->n++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_c(o, c);
}

static void out_field(struct out *o, const char *s, int len, int width, int left, char pad)
{
	if (!left)
		out_pad(o, pad, width - len);
	for (int i = 0; i < len; i++)
		out_c(o, s[i]);
	if (left)
		out_pad(o, ' ', width - len);
}

static int fmt_u64(char *buf, uint64_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* Fixed-point decimal of a double; deterministic for a given binary. */
static int fmt_double(char *buf, double v, int prec)
{
	int n = 0;
	uint64_t bits;
	__builtin_memcpy(&bits, &v, sizeof bits);
	int neg = (int)(bits >> 63);
	uint64_t exp = (bits >> 52) & 0x7ff;
	if (neg)
		buf[n++] = '-';
	if (exp == 0x7ff) {
		const char *s = (bits << 12) ? "nan" : "inf";
		for (int i = 0; i < 3; i++)
			buf[n++] = s[i];
		return n;
	}
	if (neg)
		v = -v;
	if (prec > 9)
		prec = 9;
	double r = 0.5;
	for (int i = 0; i < prec; i++)
		r /= 10.0;
	v += r;
	if (v >= 18446744073709551616.0) {
		/* too big for the fixed-point path: show the bits */
		buf[n++] = '0';
		buf[n++] = 'x';
		return n + fmt_u64(buf + n, bits, 16, 0);
	}
	uint64_t ip = (uint64_t)v;
	n += fmt_u64(buf + n, ip, 10, 0);
	if (prec > 0) {
		buf[n++] = '.';
		double f = v - (double)ip;
		for (int i = 0; i < prec; i++) {
			f *= 10.0;
			int d = (int)f;
			if (d > 9)
				d = 9;
			buf[n++] = (char)('0' + d);
			f -= d;
		}
	}
	return n;
}

int rt_vprintf(const char *fmt, va_list ap)
{
	struct out o = { 0 };
	char buf[80];
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, zero = 0, plus = 0, alt = 0, width = 0, prec = -1, lng = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				zero = 1;
			else if (*fmt == '+')
				plus = 1;
			else if (*fmt == '#')
				alt = 1;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			fmt++;
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt != 'h')
				lng = 1;
			fmt++;
		}
		char pad = (zero && !left) ? '0' : ' ';
		int n = 0;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			if (v < 0)
				buf[n++] = '-';
			else if (plus)
				buf[n++] = '+';
			if (pad == '0' && n) {
				out_c(&o, buf[0]);
				width--;
				n = 0;
			}
			n += fmt_u64(buf + n, u, 10, 0);
			out_field(&o, buf, n, width, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			if (alt && base == 16) {
				out_c(&o, '0');
				out_c(&o, 'x');
				width -= 2;
			}
			n = fmt_u64(buf, v, base, *fmt == 'X');
			out_field(&o, buf, n, width, left, pad);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			out_c(&o, '0');
			out_c(&o, 'x');
			n = fmt_u64(buf, v, 16, 0);
			out_field(&o, buf, n, width - 2, left, pad);
			break;
		}
		case 'c':
			buf[0] = (char)va_arg(ap, int);
			out_field(&o, buf, 1, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int len = 0;
			while (s[len] && (prec < 0 || len < prec))
				len++;
			out_field(&o, s, len, width, left, ' ');
			break;
		}
		case 'f':
			n = fmt_double(buf, va_arg(ap, double), prec < 0 ? 6 : prec);
			out_field(&o, buf, n, width, left, pad);
			break;
		case '%':
			out_c(&o, '%');
			break;
		case 0:
			return o.n;
		default:
			out_c(&o, '%');
			out_c(&o, *fmt);
			break;
		}
	}
	return o.n;
}

int rt_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rt_spin_lock(&print_lock);
	int n = rt_vprintf(fmt, ap);
	rt_spin_unlock(&print_lock);
	va_end(ap);
	return n;
}

/* ---- spinlock: the compiler's atomics (LSE or exclusives per -march). */
void rt_spin_lock(rt_spinlock_t *l)
{
	while (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->v, __ATOMIC_RELAXED))
			;
}

void rt_spin_unlock(rt_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
}

/* ---- SMP */
extern void rt_secondary_entry(void);
static void (*volatile secondary_fn[RT_MAX_CPUS])(unsigned);

long rt_cpu_on(unsigned index, void (*fn)(unsigned))
{
	if (index < RT_MAX_CPUS)
		secondary_fn[index] = fn;
	/* Affinity 0.0.index: QEMU's virt (and svevm) put up to 8 CPUs in
	 * cluster 0 with Aff0 = CPU index. */
	return rt_psci_call(PSCI_CPU_ON_64, index, (uint64_t)(uintptr_t)rt_secondary_entry, index);
}

void rt_secondary_main(uint64_t index)
{
	if (index < RT_MAX_CPUS && secondary_fn[index])
		secondary_fn[index]((unsigned)index);
}

/* ---- exceptions: report on the UART and power off. */
void rt_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	static const char *const where[4] = { "EL1t", "EL1h", "EL0 AArch64", "EL0 AArch32" };
	static const char *const what[4] = { "Synchronous", "IRQ", "FIQ", "SError" };
	rt_printf("\n*** unexpected exception: %s from %s, ESR_EL1=%#lx (EC=%#lx) ELR_EL1=%#lx FAR_EL1=%#lx\n",
		  what[kind & 3], where[(kind >> 2) & 3], esr, (esr >> 26) & 0x3f, elr, far);
	rt_system_off();
}
