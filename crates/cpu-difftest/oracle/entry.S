// The oracle's way into and out of a test case. `prologue` and `epilogue` are
// copied next to the test code (they only use absolute addresses built with MOVZ,
// so they run anywhere); `enter` saves the C world and jumps to the prologue.
#include "layout.h"

    .arch armv8.2-a+sve
    .text

    .global enter
    .type enter, %function
enter:
    movz x16, #(HOST_SAVE >> 16), lsl #16
    stp x19, x20, [x16, #0]
    stp x21, x22, [x16, #16]
    stp x23, x24, [x16, #32]
    stp x25, x26, [x16, #48]
    stp x27, x28, [x16, #64]
    stp x29, x30, [x16, #80]
    stp d8, d9, [x16, #96]
    stp d10, d11, [x16, #112]
    stp d12, d13, [x16, #128]
    stp d14, d15, [x16, #144]
    mov x17, sp
    str x17, [x16, #160]
    mrs x17, tpidr_el0
    str x17, [x16, #168]
    movz x16, #(CODE_BASE >> 16), lsl #16
    br x16
    .size enter, . - enter

    .global prologue_start, prologue_end
prologue_start:
    movz x30, #(STATE_IN >> 16), lsl #16
    ldr x0, [x30, #ST_FPCR]
    msr fpcr, x0
    ldr x0, [x30, #ST_FPSR]
    msr fpsr, x0
    ldr x0, [x30, #ST_NZCV]
    msr nzcv, x0
    ldr x0, [x30, #ST_SP]
    mov sp, x0
    add x0, x30, #ST_FFR
    ldr p0, [x0]
    wrffr p0.b
    add x0, x30, #ST_P
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    ldr p\n, [x0, #\n, mul vl]
    .endr
    add x0, x30, #ST_Z
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ldr z\n, [x0, #\n, mul vl]
    .endr
    ldp x0, x1, [x30, #0]
    ldp x2, x3, [x30, #16]
    ldp x4, x5, [x30, #32]
    ldp x6, x7, [x30, #48]
    ldp x8, x9, [x30, #64]
    ldp x10, x11, [x30, #80]
    ldp x12, x13, [x30, #96]
    ldp x14, x15, [x30, #112]
    ldp x16, x17, [x30, #128]
    ldp x18, x19, [x30, #144]
    ldp x20, x21, [x30, #160]
    ldp x22, x23, [x30, #176]
    ldp x24, x25, [x30, #192]
    ldp x26, x27, [x30, #208]
    ldp x28, x29, [x30, #224]
    ldr x30, [x30, #240]
prologue_end:

    .global epilogue_start, epilogue_end
epilogue_start:
    // TPIDR_EL0 lends us one register; it is restored below before C runs again.
    msr tpidr_el0, x0
    movz x0, #(STATE_OUT >> 16), lsl #16
    str x1, [x0, #8]
    stp x2, x3, [x0, #16]
    stp x4, x5, [x0, #32]
    stp x6, x7, [x0, #48]
    stp x8, x9, [x0, #64]
    stp x10, x11, [x0, #80]
    stp x12, x13, [x0, #96]
    stp x14, x15, [x0, #112]
    stp x16, x17, [x0, #128]
    stp x18, x19, [x0, #144]
    stp x20, x21, [x0, #160]
    stp x22, x23, [x0, #176]
    stp x24, x25, [x0, #192]
    stp x26, x27, [x0, #208]
    stp x28, x29, [x0, #224]
    str x30, [x0, #240]
    mrs x1, tpidr_el0
    str x1, [x0, #0]
    mov x1, sp
    str x1, [x0, #ST_SP]
    mrs x1, nzcv
    str x1, [x0, #ST_NZCV]
    mrs x1, fpcr
    str x1, [x0, #ST_FPCR]
    mrs x1, fpsr
    str x1, [x0, #ST_FPSR]
    add x1, x0, #ST_P
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    str p\n, [x1, #\n, mul vl]
    .endr
    rdffr p0.b
    add x1, x0, #ST_FFR
    str p0, [x1]
    add x1, x0, #ST_Z
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    str z\n, [x1, #\n, mul vl]
    .endr
    rdvl x2, #1
    str x2, [x0, #ST_VL]
    msr fpcr, xzr
    movz x16, #(HOST_SAVE >> 16), lsl #16
    ldr x17, [x16, #168]
    msr tpidr_el0, x17
    ldr x17, [x16, #160]
    mov sp, x17
    ldp x19, x20, [x16, #0]
    ldp x21, x22, [x16, #16]
    ldp x23, x24, [x16, #32]
    ldp x25, x26, [x16, #48]
    ldp x27, x28, [x16, #64]
    ldp x29, x30, [x16, #80]
    ldp d8, d9, [x16, #96]
    ldp d10, d11, [x16, #112]
    ldp d12, d13, [x16, #128]
    ldp d14, d15, [x16, #144]
    ret
epilogue_end:

    .global get_vl
get_vl:
    rdvl x0, #1
    ret

    .global restore_tls
// Called first thing in the signal handler: the fault may have come while the
// epilogue had TPIDR_EL0 on loan (it cannot, but be safe) and libc needs it.
restore_tls:
    movz x16, #(HOST_SAVE >> 16), lsl #16
    ldr x17, [x16, #168]
    msr tpidr_el0, x17
    msr fpcr, xzr
    ret

    .section .note.GNU-stack,"",%progbits
