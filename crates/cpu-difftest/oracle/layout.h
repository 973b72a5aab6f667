/* Fixed guest addresses and the state block layout shared by oracle.c, entry.S
 * and the Rust side (crates/cpu-difftest/src/layout.rs must agree). */
#define CODE_BASE   0x10000000  /* prologue, then the test code at TEST_PC */
#define CODE_SIZE   0x10000
#define TEST_PC     0x10001000
#define STATE_BASE  0x11000000
#define STATE_IN    0x11000000
#define STATE_OUT   0x11010000
#define HOST_SAVE   0x11020000
#define STATE_SIZE  0x30000
#define SCRATCH     0x20000000
#define SCRATCH_SIZE 0x10000
#define GUARD_SIZE  0x10000     /* PROT_NONE after the scratch block */

/* State block offsets. */
#define ST_X     0x000          /* X0..X30 */
#define ST_SP    0x0f8
#define ST_NZCV  0x100
#define ST_FPCR  0x108
#define ST_FPSR  0x110
#define ST_VL    0x118
#define ST_FFR   0x200
#define ST_P     0x300          /* P0..P15, VL/8 bytes each */
#define ST_Z     0x600          /* Z0..Z31, VL bytes each (P0..P15 take up to 0x200) */
#define ST_END   (ST_Z + 32 * 256)
