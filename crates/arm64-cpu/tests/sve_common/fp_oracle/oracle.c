/* QEMU oracle for the SVE FP tests: reads records {u32 insn, u32 pad, struct st, SVE
 * block} from stdin, executes each instruction once with that register state under
 * qemu-aarch64 (the vector length set by -cpu max,sve-default-vector-length=BYTES),
 * writes back the state after it plus an UNDEF marker. The SVE block is VL-sized:
 * Z0-Z31 (VL bytes each), P0-P15 and FFR (VL/8 bytes each). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

struct st {
    uint64_t x[31];
    uint64_t nzcv, fpcr, fpsr, tls;
    uint64_t undef;
    /* followed by the SVE block */
};

extern void run_one(struct st *);
extern uint32_t insn_slot;
static volatile uint64_t g_undef;
static unsigned char rec[8 + sizeof(struct st) + 32 * 256 + 17 * 32];

/* Runs with TPIDR_EL0 pointing at the state: touch no TLS here. */
static void on_sigill(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void)sig;
    (void)si;
    uc->uc_mcontext.pc += 4;
    g_undef = 1;
}

int main(void) {
    uint64_t vl;
    __asm__ volatile("rdvl %0, #1" : "=r"(vl));
    size_t len = 8 + sizeof(struct st) + 32 * vl + 17 * (vl / 8);
    /* Tell the test which VL it is talking to. */
    fwrite(&vl, 8, 1, stdout);
    fflush(stdout);
    uintptr_t page = (uintptr_t)&insn_slot & ~(uintptr_t)4095;
    if (mprotect((void *)page, 8192, PROT_READ | PROT_WRITE | PROT_EXEC)) return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, 0);
    while (fread(rec, len, 1, stdin) == 1) {
        uint32_t insn;
        memcpy(&insn, rec, 4);
        insn_slot = insn;
        __builtin___clear_cache((char *)&insn_slot, (char *)&insn_slot + 4);
        g_undef = 0;
        struct st *s = (struct st *)(rec + 8);
        run_one(s);
        s->undef = g_undef;
        fwrite(rec, len, 1, stdout);
    }
    return 0;
}
