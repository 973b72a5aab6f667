/* Runs every generated case and prints "WORD SEED" followed by UNDEF or by the
 * registers whose value changed (vN=HIGH:LOW, xN=VALUE) and fpsr=VALUE. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "state.h"
#include "table.h"

typedef void (*case_fn)(struct state *);
extern const case_fn cases[];
static sigjmp_buf env;

static void on_sigill(int sig) {
    (void)sig;
    siglongjmp(env, 1);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigill;
    sigaction(SIGILL, &sa, 0);
    for (int n = 0; n < NCASES; n++) {
        static struct state in, st;
        make_state(&in, seeds[n]);
        st = in;
        printf("%08x %016llx", words[n], (unsigned long long)seeds[n]);
        if (sigsetjmp(env, 1)) {
            printf(" UNDEF\n");
            continue;
        }
        cases[n](&st);
        for (int i = 0; i < 32; i++)
            if (st.v[i][0] != in.v[i][0] || st.v[i][1] != in.v[i][1])
                printf(" v%d=%016llx:%016llx", i, (unsigned long long)st.v[i][1],
                       (unsigned long long)st.v[i][0]);
        for (int i = 0; i < 31; i++)
            if (st.x[i] != in.x[i])
                printf(" x%d=%016llx", i, (unsigned long long)st.x[i]);
        printf(" fpsr=%08llx\n", (unsigned long long)st.fpsr);
    }
    return 0;
}
