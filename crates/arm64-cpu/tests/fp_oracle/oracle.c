/* QEMU oracle for the FP/AdvSIMD tests: reads records {u32 insn, u32 pad, struct st}
 * from stdin, executes each instruction once with that register state under
 * qemu-aarch64, writes back the state after it plus an UNDEF marker. */
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
    uint8_t v[32][16];
};
struct rec {
    uint32_t insn, pad;
    struct st s;
};

extern void run_one(struct st *);
extern uint32_t insn_slot;
static volatile uint64_t g_undef;

/* Runs with TPIDR_EL0 pointing at our struct: touch no TLS here. */
static void on_sigill(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void)sig;
    (void)si;
    uc->uc_mcontext.pc += 4;
    g_undef = 1;
}

int main(void) {
    uintptr_t page = (uintptr_t)&insn_slot & ~(uintptr_t)4095;
    if (mprotect((void *)page, 8192, PROT_READ | PROT_WRITE | PROT_EXEC)) return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, 0);
    struct rec r;
    while (fread(&r, sizeof r, 1, stdin) == 1) {
        insn_slot = r.insn;
        __builtin___clear_cache((char *)&insn_slot, (char *)&insn_slot + 4);
        g_undef = 0;
        run_one(&r.s);
        r.s.undef = g_undef;
        fwrite(&r, sizeof r, 1, stdout);
    }
    return 0;
}
