// Hand-picked SVE forms at alias and immediate boundaries, for tests/dis_llvm_sve.rs:
// llvm-mc assembles them and llvm-objdump prints what they must disassemble as.
ptrue p0.b
ptrue p1.h, vl64
ptrue p2.s, mul3
ptrue p3.d, #14
ptrues p4.b, pow2
cntb x0
cntd x1, all, mul #16
incw z0.s, vl1
sqincb x0, w0, mul4
uqdech w1, all, mul #2
sqdecd z0.d, pow2, mul #3
mov p0.b, p1/z, p2.b
movs p0.b, p1/z, p2.b
mov p0.b, p1.b
movs p0.b, p1.b
not p0.b, p1/z, p2.b
nots p0.b, p1/z, p2.b
mov p0.b, p1/m, p2.b
sel p0.b, p1, p2.b, p3.b
orr p0.b, p1/z, p2.b, p2.b
orr p0.b, p1/z, p1.b, p2.b
and p0.b, p1/z, p2.b, p3.b
eor p0.b, p1/z, p2.b, p3.b
nands p15.b, p15/z, p15.b, p15.b
mov z0.d, z1.d
orr z0.d, z1.d, z2.d
mov z0.b, p0/m, z1.b
sel z0.b, p0, z1.b, z2.b
mov z0.b, b1
mov z0.q, q1
mov z0.q, z1.q[3]
mov z0.d, z1.d[7]
mov z0.b, z1.b[63]
mov z0.s, #-1
mov z0.h, #-32768
mov z0.h, #0, lsl #8
mov z0.d, p0/m, #0, lsl #8
mov z0.s, p1/z, #127
mov z0.h, p2/m, #-128, lsl #8
fmov z0.d, #-31.0
fmov z0.s, p0/m, #0.125
dupm z0.d, #0x1
mov z0.s, #0x7ffc
mov z0.d, #0xffff0000ffff0000
dupm z0.b, #0x55
mov z0.h, #0xfff0
mov z0.d, #0x8000000000000000
and z0.s, z0.s, #0xfffffffe
eor z0.h, z0.h, #0x8000
orr z0.d, z0.d, #0x7fffffffffffffff
add z0.h, z0.h, #65280
sub z0.b, z0.b, #255
sqadd z0.s, z0.s, #0, lsl #8
uqsub z0.d, z0.d, #256
smax z0.d, z0.d, #-128
umin z0.b, z0.b, #255
mul z0.h, z0.h, #127
asr z0.b, p0/m, z0.b, #8
lsl z0.d, p0/m, z0.d, #63
asrd z0.h, p0/m, z0.h, #16
lsr z0.s, z1.s, #32
lsl z0.b, z1.b, #0
adr z0.s, [z1.s, z2.s, lsl #3]
adr z0.d, [z1.d, z2.d, uxtw #2]
adr z0.d, [z1.d, z2.d, sxtw]
adr z0.d, [z1.d, z2.d]
index z0.d, x1, x2
index z0.b, #-16, #15
index z0.s, wzr, #-1
index z0.h, #0, w1
addvl sp, sp, #-32
addpl x0, sp, #31
rdvl x0, #-1
whilels p0.d, xzr, x1
whilelo p15.b, w0, wzr
whilele p1.h, x0, x1
ctermne x0, xzr
ctermeq w1, w2
ldr p15, [sp, #-256, mul vl]
str z31, [x0, #255, mul vl]
str p0, [x0]
ld1rqd { z0.d }, p0/z, [x0, #-128]
ld1rqh { z0.h }, p0/z, [x0, x1, lsl #1]
ld1rd { z0.d }, p7/z, [sp, #504]
ld1rsb { z0.h }, p0/z, [x0, #63]
ld1rsw { z0.d }, p0/z, [x0, #252]
ld4d { z31.d, z0.d, z1.d, z2.d }, p7/z, [sp, #-32, mul vl]
st3w { z30.s, z31.s, z0.s }, p0, [x0, #21, mul vl]
st2h { z0.h, z1.h }, p0, [x0, x1, lsl #1]
ldnt1d { z0.d }, p0/z, [x0, x1, lsl #3]
stnt1b { z0.b }, p0, [x0, #-8, mul vl]
ldff1d { z0.d }, p0/z, [x0]
ldff1b { z0.b }, p0/z, [x0, x1]
ldnf1sw { z0.d }, p0/z, [x0, #-8, mul vl]
ld1sh { z0.s }, p0/z, [x0, z1.s, sxtw #1]
ldff1w { z0.d }, p0/z, [x0, z1.d, uxtw #2]
ld1d { z0.d }, p0/z, [z1.d, #248]
ldff1sb { z0.s }, p0/z, [z31.s, #31]
ld1w { z0.d }, p0/z, [x0, z1.d, lsl #2]
ld1b { z0.d }, p0/z, [x0, z1.d]
ld1b { z0.d }, p0/z, [sp, z1.d, sxtw]
st1d { z0.d }, p0, [x0, z1.d, sxtw #3]
st1h { z0.s }, p0, [x0, z1.s, uxtw]
st1b { z0.d }, p0, [z1.d, #31]
st1w { z0.s }, p0, [z1.s, #124]
st1b { z0.h }, p0, [x0, #-8, mul vl]
st1d { z0.d }, p0, [x0, x1, lsl #3]
prfd pstl3strm, p7, [sp, #-32, mul vl]
prfw #15, p0, [x0, z1.d, lsl #2]
prfh #7, p0, [x0, z1.d, sxtw #1]
prfb pldl3keep, p0, [z1.d, #31]
prfd pldl1keep, p0, [x0, x1, lsl #3]
prfw pldl2strm, p0, [x0, z1.s, uxtw #2]
fadd z0.h, p0/m, z0.h, #0.5
fmul z0.s, p0/m, z0.s, #2.0
fmaxnm z0.d, p0/m, z0.d, #1.0
fcvt z0.h, p0/m, z1.d
scvtf z0.d, p0/m, z1.s
fcvtzu z0.s, p0/m, z1.d
ucvtf z0.h, p0/m, z1.s
fcmla z0.h, z1.h, z7.h[3], #270
fmla z0.h, z1.h, z7.h[7]
fmls z0.s, z1.s, z7.s[3]
fmul z0.d, z1.d, z15.d[1]
fcadd z0.d, p0/m, z0.d, z1.d, #270
fcmla z0.s, p0/m, z1.s, z2.s, #180
sdot z0.d, z1.h, z15.h[1]
udot z0.s, z1.b, z7.b[3]
ext z0.b, z0.b, z1.b, #255
tbl z0.d, { z1.d }, z2.d
insr z0.d, xzr
insr z0.s, s1
mov z0.d, p0/m, sp
mov z0.b, p0/m, b1
lasta x0, p0, z1.d
clastb w0, p0, w0, z1.h
clasta d0, p0, d0, z1.d
splice z0.s, p7, z0.s, z31.s
pfirst p0.b, p15, p0.b
pnext p0.d, p1, p0.d
brkb p0.b, p1/m, p2.b
brkas p0.b, p1/z, p2.b
brkpbs p0.b, p1/z, p2.b, p3.b
brkns p0.b, p1/z, p2.b, p0.b
rdffrs p0.b, p1/z
rdffr p3.b
wrffr p0.b
setffr
ptest p15, p0.b
punpkhi p0.h, p1.b
rev p0.d, p1.d
uunpkhi z0.d, z1.s
fexpa z0.d, z1.d
ftmad z0.d, z0.d, z1.d, #7
ftssel z0.s, z1.s, z2.s
sqdecp x0, p0.d, w0
uqdecp w0, p0.b
uqincp x0, p0.h
incp z0.d, p0.d
decp x0, p15.s
saddv d0, p7, z31.s
uaddv d0, p0, z1.d
fadda d0, p7, d0, z31.d
fcmuo p0.d, p0/z, z1.d, z2.d
cmphs p0.b, p0/z, z1.b, #127
cmplt p0.s, p0/z, z1.s, #-16
cmpne p0.d, p0/z, z1.d, z2.d
cmple p0.h, p0/z, z1.h, z2.d
