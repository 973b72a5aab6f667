/* The QEMU side of cpu-difftest: a static aarch64 Linux program run under
 * qemu-aarch64. It reads test cases from stdin, runs each on the (emulated) CPU
 * and writes the final state to stdout. Protocol: crates/cpu-difftest/src/oracle.rs. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/sigcontext.h>
#include "layout.h"

#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL 50
#endif

#define TAG_QUIT 0
#define TAG_CASE 1
#define TAG_SYNC 2
#define MAX_CODE 4096
#define NSCALAR 35 /* x0..x30, sp, nzcv, fpcr, fpsr */

extern void enter(void);
extern uint32_t prologue_start[], prologue_end[], epilogue_start[], epilogue_end[];
extern uint64_t get_vl(void);
extern void restore_tls(void);

static sigjmp_buf env;
static volatile int in_test;
static struct {
    uint32_t signo, si_code, flags;
    uint64_t addr, pc;
    uint64_t scalars[NSCALAR];
} fault;
static unsigned vl, pl;
static uint8_t fault_ffr[32], fault_p[16 * 32], fault_z[32 * 256];

static void die(const char *m) {
    fprintf(stderr, "difftest-oracle: %s\n", m);
    exit(2);
}

static void rd(void *p, size_t n) {
    if (fread(p, 1, n, stdin) != n)
        die("short read on stdin");
}

static void wr(const void *p, size_t n) {
    if (fwrite(p, 1, n, stdout) != n)
        die("short write on stdout");
}

static void wr32(uint32_t v) { wr(&v, 4); }

static uint64_t splitmix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static void handler(int sig, siginfo_t *si, void *uc_) {
    ucontext_t *uc = uc_;
    restore_tls();
    if (!in_test) {
        static const char m[] = "difftest-oracle: fault outside a test case\n";
        write(2, m, sizeof m - 1);
        _exit(3);
    }
    in_test = 0;
    mcontext_t *mc = &uc->uc_mcontext;
    fault.signo = sig;
    fault.si_code = si->si_code;
    fault.addr = (uint64_t)si->si_addr;
    fault.pc = mc->pc;
    fault.flags = 0;
    for (int i = 0; i < 31; i++)
        fault.scalars[i] = mc->regs[i];
    fault.scalars[31] = mc->sp;
    fault.scalars[32] = mc->pstate & 0xf0000000u;
    fault.scalars[33] = 0;
    fault.scalars[34] = 0;
    memset(fault_ffr, 0, sizeof fault_ffr);
    memset(fault_p, 0, sizeof fault_p);
    memset(fault_z, 0, sizeof fault_z);
    /* Walk the signal frame's records for the FP/SIMD and SVE registers. */
    uint8_t *p = (uint8_t *)mc->__reserved;
    uint8_t *end = p + sizeof mc->__reserved;
    while (p + 8 <= end) {
        struct _aarch64_ctx *h = (struct _aarch64_ctx *)p;
        if (h->magic == 0 || h->size == 0)
            break;
        if (h->magic == FPSIMD_MAGIC) {
            struct fpsimd_context *f = (struct fpsimd_context *)p;
            fault.scalars[33] = f->fpcr;
            fault.scalars[34] = f->fpsr;
            for (int i = 0; i < 32; i++)
                memcpy(fault_z + i * vl, &f->vregs[i], 16);
            fault.flags |= 2;
        } else if (h->magic == SVE_MAGIC) {
            struct sve_context *s = (struct sve_context *)p;
            unsigned vq = s->vl / 16;
            if (s->vl == vl && h->size >= SVE_SIG_CONTEXT_SIZE(vq)) {
                for (int i = 0; i < 32; i++)
                    memcpy(fault_z + i * vl, p + SVE_SIG_ZREG_OFFSET(vq, i), vl);
                for (int i = 0; i < 16; i++)
                    memcpy(fault_p + i * pl, p + SVE_SIG_PREG_OFFSET(vq, i), pl);
                memcpy(fault_ffr, p + SVE_SIG_FFR_OFFSET(vq), pl);
                fault.flags |= 1;
            }
        }
        if (h->magic == EXTRA_MAGIC) {
            /* Large SVE frames continue outside __reserved (the kernel's layout). */
            struct extra_context *x = (struct extra_context *)p;
            p = (uint8_t *)x->datap;
            end = p + x->size;
            continue;
        }
        p += h->size;
    }
    siglongjmp(env, 1);
}

static void *map_fixed(uintptr_t addr, size_t len, int prot) {
    void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p != (void *)addr)
        die("mmap MAP_FIXED failed");
    return p;
}

static uint32_t branch_word(uint64_t from, uint64_t to) {
    return 0x14000000u | (uint32_t)(((int64_t)(to - from) >> 2) & 0x3ffffff);
}

int main(int argc, char **argv) {
    static char outbuf[1 << 16], inbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    setvbuf(stdin, inbuf, _IOFBF, sizeof inbuf);
    if (argc > 1) {
        /* The vector length in bytes; QEMU's sve-default-vector-length sets the same. */
        long want = strtol(argv[1], 0, 0);
        if (prctl(PR_SVE_SET_VL, want, 0, 0, 0) < 0)
            die("PR_SVE_SET_VL failed");
    }
    vl = (unsigned)get_vl();
    pl = vl / 8;

    uint8_t *code = map_fixed(CODE_BASE, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(STATE_BASE, STATE_SIZE, PROT_READ | PROT_WRITE);
    uint8_t *scratch = map_fixed(SCRATCH, SCRATCH_SIZE, PROT_READ | PROT_WRITE);
    map_fixed(SCRATCH + SCRATCH_SIZE, GUARD_SIZE, PROT_NONE);
    uint8_t *in = (uint8_t *)STATE_IN, *out = (uint8_t *)STATE_OUT;

    size_t npro = prologue_end - prologue_start;
    size_t nepi = epilogue_end - epilogue_start;
    memcpy(code, prologue_start, npro * 4);
    uint32_t b = branch_word(CODE_BASE + npro * 4, TEST_PC);
    memcpy(code + npro * 4, &b, 4);
    npro++;

    static stack_t ss;
    ss.ss_size = 1 << 16;
    ss.ss_sp = malloc(ss.ss_size);
    if (!ss.ss_sp || sigaltstack(&ss, 0) < 0)
        die("sigaltstack");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE, SIGSYS};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], &sa, 0) < 0)
            die("sigaction");

    wr32(0x524f5444); /* "DTOR" */
    wr32(vl);
    wr32((uint32_t)npro);
    wr(code, npro * 4);
    wr32((uint32_t)nepi);
    wr(epilogue_start, nepi * 4);
    fflush(stdout);

    static uint32_t words[MAX_CODE];
    for (;;) {
        uint32_t tag;
        rd(&tag, 4);
        if (tag == TAG_QUIT)
            break;
        if (tag == TAG_SYNC) {
            wr32(0x434e5953);
            fflush(stdout);
            continue;
        }
        if (tag != TAG_CASE)
            die("bad tag");
        uint32_t n;
        uint64_t seed;
        rd(&n, 4);
        rd(&seed, 8);
        if (n > MAX_CODE)
            die("code too long");
        rd(in + ST_X, NSCALAR * 8);
        rd(in + ST_FFR, pl);
        rd(in + ST_P, 16 * pl);
        rd(in + ST_Z, 32 * vl);
        rd(words, n * 4);
        memcpy(code + (TEST_PC - CODE_BASE), words, n * 4);
        memcpy(code + (TEST_PC - CODE_BASE) + n * 4, epilogue_start, nepi * 4);
        __builtin___clear_cache((char *)code, (char *)code + CODE_SIZE);
        uint64_t *m = (uint64_t *)scratch;
        for (unsigned i = 0; i < SCRATCH_SIZE / 8; i++)
            m[i] = splitmix(seed + i);

        if (sigsetjmp(env, 1) == 0) {
            in_test = 1;
            enter();
            in_test = 0;
            uint32_t hdr[4] = {0, 0, 0, 3};
            uint64_t z2[2] = {0, 0};
            wr(hdr, 16);
            wr(z2, 16);
            wr(out + ST_X, NSCALAR * 8);
            wr(out + ST_FFR, pl);
            wr(out + ST_P, 16 * pl);
            wr(out + ST_Z, 32 * vl);
        } else {
            uint32_t hdr[4] = {1, fault.signo, fault.si_code, fault.flags};
            wr(hdr, 16);
            wr(&fault.addr, 8);
            wr(&fault.pc, 8);
            wr(fault.scalars, NSCALAR * 8);
            wr(fault_ffr, pl);
            wr(fault_p, 16 * pl);
            wr(fault_z, 32 * vl);
        }
        uint32_t nd = 0;
        for (unsigned i = 0; i < SCRATCH_SIZE / 8; i++)
            nd += m[i] != splitmix(seed + i);
        wr32(nd);
        for (unsigned i = 0; i < SCRATCH_SIZE / 8; i++)
            if (m[i] != splitmix(seed + i)) {
                wr32(i * 8);
                wr(&m[i], 8);
            }
    }
    fflush(stdout);
    return 0;
}
