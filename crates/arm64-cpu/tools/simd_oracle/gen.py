#!/usr/bin/env python3
"""Builds the QEMU oracle for the AdvSIMD integer tests.

Input: a file of lines "WORD SEED" (hex word, hex seed). For each line it emits an
assembly stub that loads the whole V/X state made by make_state(seed) (state.h),
clears FPSR, executes the word and stores the state back; a C driver runs every
stub (catching SIGILL as UNDEF) and prints what changed. Run the result under
qemu-aarch64 7.2; its output is the expectation file the Rust test replays.

usage: gen.py WORDS OUTDIR   (then: make -C OUTDIR; qemu-aarch64 OUTDIR/oracle)
"""
import os
import sys

words = [l.split() for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, "cases.S"), "w") as f:
    f.write(".text\n")
    for n, (w, _) in enumerate(words):
        f.write(f"""
.globl case_{n}
case_{n}:
    stp x29, x30, [sp, #-192]!
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    str x0, [sp, #160]
""")
        for k in range(0, 32, 2):
            f.write(f"    ldp q{k}, q{k+1}, [x0, #{256+16*k}]\n")
        f.write("    msr fpsr, xzr\n")
        for k in range(1, 31, 2):
            if k + 1 <= 30:
                f.write(f"    ldp x{k}, x{k+1}, [x0, #{8*k}]\n")
            else:
                f.write(f"    ldr x{k}, [x0, #{8*k}]\n")
        f.write(f"    ldr x0, [x0]\n    .inst 0x{w}\n")
        f.write("    str x0, [sp, #168]\n    ldr x0, [sp, #160]\n")
        for k in range(0, 32, 2):
            f.write(f"    stp q{k}, q{k+1}, [x0, #{256+16*k}]\n")
        for k in range(1, 31, 2):
            if k + 1 <= 30:
                f.write(f"    stp x{k}, x{k+1}, [x0, #{8*k}]\n")
            else:
                f.write(f"    str x{k}, [x0, #{8*k}]\n")
        f.write("""    ldr x1, [sp, #168]
    str x1, [x0]
    mrs x1, fpsr
    str x1, [x0, #248]
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldp x29, x30, [sp], #192
    ret
""")
    f.write("\n.section .rodata\n.globl cases\n.balign 8\ncases:\n")
    for n in range(len(words)):
        f.write(f"    .quad case_{n}\n")

with open(os.path.join(out, "table.h"), "w") as f:
    f.write(f"#define NCASES {len(words)}\n")
    f.write("static const uint32_t words[NCASES] = {" + ",".join("0x" + w for w, _ in words) + "};\n")
    f.write("static const uint64_t seeds[NCASES] = {" + ",".join("0x" + s + "ull" for _, s in words) + "};\n")
