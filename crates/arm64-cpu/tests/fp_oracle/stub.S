// Runs one instruction with the whole register state taken from, and saved back to,
// a `struct st` (see oracle.c). The instruction slot `insn_slot` is patched at run time.
// Offsets: x[31] at 0, nzcv 248, fpcr 256, fpsr 264, tls 272, v[32] at 288.
    .text
    .balign 4096
    .global run_one
    .global insn_slot
run_one:
    stp x29, x30, [sp, #-160]!
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    mrs x1, tpidr_el0
    str x1, [x0, #272]
    msr tpidr_el0, x0
    add x1, x0, #288
    ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], #64
    ld1 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], #64
    ld1 {v8.16b, v9.16b, v10.16b, v11.16b}, [x1], #64
    ld1 {v12.16b, v13.16b, v14.16b, v15.16b}, [x1], #64
    ld1 {v16.16b, v17.16b, v18.16b, v19.16b}, [x1], #64
    ld1 {v20.16b, v21.16b, v22.16b, v23.16b}, [x1], #64
    ld1 {v24.16b, v25.16b, v26.16b, v27.16b}, [x1], #64
    ld1 {v28.16b, v29.16b, v30.16b, v31.16b}, [x1], #64
    ldr x1, [x0, #256]
    msr fpcr, x1
    msr fpsr, xzr
    ldr x1, [x0, #248]
    msr nzcv, x1
    ldp x2, x3, [x0, #16]
    ldp x4, x5, [x0, #32]
    ldp x6, x7, [x0, #48]
    ldp x8, x9, [x0, #64]
    ldp x10, x11, [x0, #80]
    ldp x12, x13, [x0, #96]
    ldp x14, x15, [x0, #112]
    ldp x16, x17, [x0, #128]
    ldp x18, x19, [x0, #144]
    ldp x20, x21, [x0, #160]
    ldp x22, x23, [x0, #176]
    ldp x24, x25, [x0, #192]
    ldp x26, x27, [x0, #208]
    ldp x28, x29, [x0, #224]
    ldr x30, [x0, #240]
    ldp x0, x1, [x0]
insn_slot:
    nop
    stp x0, x1, [sp, #-16]!
    mrs x0, tpidr_el0
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
    ldp x2, x3, [sp], #16
    stp x2, x3, [x0]
    mrs x1, nzcv
    str x1, [x0, #248]
    mrs x1, fpsr
    str x1, [x0, #264]
    add x1, x0, #288
    st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], #64
    st1 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], #64
    st1 {v8.16b, v9.16b, v10.16b, v11.16b}, [x1], #64
    st1 {v12.16b, v13.16b, v14.16b, v15.16b}, [x1], #64
    st1 {v16.16b, v17.16b, v18.16b, v19.16b}, [x1], #64
    st1 {v20.16b, v21.16b, v22.16b, v23.16b}, [x1], #64
    st1 {v24.16b, v25.16b, v26.16b, v27.16b}, [x1], #64
    st1 {v28.16b, v29.16b, v30.16b, v31.16b}, [x1], #64
    msr fpcr, xzr
    ldr x1, [x0, #272]
    msr tpidr_el0, x1
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldp x29, x30, [sp], #160
    ret
    .balign 4096
