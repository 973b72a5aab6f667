#!/usr/bin/env python3
"""Cross-checks the SVE decode table (src/isa/sve/mod.rs) against LLVM's disassembler.

1. For every table line, random words matching its pattern are disassembled with
   llvm-mc; the mnemonic must be one the line's name stands for (or LLVM must call the
   word invalid, which is reported separately: our handler must UNDEF those).
2. Random words in the SVE encoding space that LLVM decodes to an SVE instruction
   must match some table line (SVE2 and other extensions' mnemonics are reported as
   missing: they are not FEAT_SVE).
Usage: tools/sve_llvm_check.py [N_PER_LINE] [N_SPACE]
"""
import random, re, subprocess, sys, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, '..', 'src', 'isa', 'sve', 'mod.rs')

ALIASES = {
    'PTRUE': 'ptrue ptrues', 'AND_pppp': 'and ands bic bics eor eors sel orr orrs orn orns nor nors nand nands mov movs not nots',
    'RDFFR_p': 'rdffr rdffrs', 'BRKA': 'brka brkas brkb brkbs', 'BRKN': 'brkn brkns',
    'BRKPA': 'brkpa brkpas brkpb brkpbs', 'WHILE': 'whilelt whilele whilelo whilels',
    'CTERM': 'ctermeq ctermne', 'INCDECP_r': 'incp decp', 'INCDECP_z': 'incp decp',
    'SINCDECP_r32': 'sqincp uqincp sqdecp uqdecp', 'SINCDECP_r64': 'sqincp uqincp sqdecp uqdecp',
    'SINCDECP_z': 'sqincp uqincp sqdecp uqdecp', 'CNT_r': 'cntb cnth cntw cntd',
    'INCDEC_r': 'incb inch incw incd decb dech decw decd', 'INCDEC_v': 'inch incw incd dech decw decd',
    'SINCDEC_r32': ' '.join(p + s for p in ('sqinc', 'uqinc', 'sqdec', 'uqdec') for s in 'bhwd'),
    'SINCDEC_r64': ' '.join(p + s for p in ('sqinc', 'uqinc', 'sqdec', 'uqdec') for s in 'bhwd'),
    'SINCDEC_v': ' '.join(p + s for p in ('sqinc', 'uqinc', 'sqdec', 'uqdec') for s in 'hwd'),
    'ORR_zzz': 'orr mov', 'SEL_z': 'sel mov', 'CPY_zpi': 'cpy mov fmov', 'CPY_zpr': 'cpy mov', 'CPY_zpv': 'cpy mov',
    'DUP_s': 'dup mov', 'DUP_i': 'dup mov fmov', 'DUP_x': 'dup mov', 'FDUP': 'fdup fmov', 'FCPY': 'fcpy fmov',
    'DUPM': 'dupm mov', 'MOVPRFX_zpz': 'movprfx', 'REV_z': 'rev', 'REV_p': 'rev',
    'UNPK': 'sunpklo sunpkhi uunpklo uunpkhi', 'PUNPK': 'punpklo punpkhi', 'LAST_v': 'lasta lastb',
    'LAST_r': 'lasta lastb', 'CLAST_z': 'clasta clastb', 'CLAST_v': 'clasta clastb', 'CLAST_r': 'clasta clastb',
    'DOT_zzzz': 'sdot udot', 'DOT_zzxw_s': 'sdot udot', 'DOT_zzxw_d': 'sdot udot',
    'CMPGE_ppzz': 'cmpge cmple', 'CMPGT_ppzz': 'cmpgt cmplt', 'CMPHS_ppzz': 'cmphs cmpls', 'CMPHI_ppzz': 'cmphi cmplo',
    'ORR_zzi': 'orr orn', 'EOR_zzi': 'eor eon', 'AND_zzi': 'and bic',
    'FMLA_zzxz_h': 'fmla fmls', 'FMLA_zzxz_s': 'fmla fmls', 'FMLA_zzxz_d': 'fmla fmls',
    'FRINT': 'frintn frintp frintm frintz frinta frintx frinti', 'XCVTF': 'scvtf ucvtf',
    'FCVTZ': 'fcvtzs fcvtzu', 'FCMGE_ppzz': 'fcmge fcmle', 'FCMGT_ppzz': 'fcmgt fcmlt',
    'FACGE_ppzz': 'facge facle', 'FACGT_ppzz': 'facgt faclt',
}

LD1 = {'ld1b', 'ld1h', 'ld1w', 'ld1d', 'ld1sb', 'ld1sh', 'ld1sw'}
MEM = {
    'PRF_ri': {'prfb', 'prfh', 'prfw', 'prfd'}, 'PRF_g32': {'prfb', 'prfh', 'prfw', 'prfd'},
    'PRF_rr': {'prfb', 'prfh', 'prfw', 'prfd'}, 'PRF_g32_vi': {'prfb', 'prfh', 'prfw', 'prfd'},
    'PRF_g64': {'prfb', 'prfh', 'prfw', 'prfd'}, 'PRF_g64_32': {'prfb', 'prfh', 'prfw', 'prfd'},
    'PRF_g64_vi': {'prfb', 'prfh', 'prfw', 'prfd'},
    'LDR_p': {'ldr'}, 'LDR_z': {'ldr'}, 'STR_p': {'str'}, 'STR_z': {'str'},
    'LD1_g32u': LD1 | {'ldff1' + x[3:] for x in LD1}, 'LD1_g32s': LD1 | {'ldff1' + x[3:] for x in LD1},
    'LD1_g32_vi': LD1 | {'ldff1' + x[3:] for x in LD1}, 'LD1_g64_32u': LD1 | {'ldff1' + x[3:] for x in LD1},
    'LD1_g64_32s': LD1 | {'ldff1' + x[3:] for x in LD1}, 'LD1_g64': LD1 | {'ldff1' + x[3:] for x in LD1},
    'LD1_g64_vi': LD1 | {'ldff1' + x[3:] for x in LD1},
    'LD1R': {'ld1r' + x[3:] for x in LD1}, 'LD1RQ_rr': {'ld1rqb', 'ld1rqh', 'ld1rqw', 'ld1rqd'},
    'LD1RQ_ri': {'ld1rqb', 'ld1rqh', 'ld1rqw', 'ld1rqd'}, 'LD1_rr': LD1, 'LD1_ri': LD1,
    'LDFF1_rr': {'ldff1' + x[3:] for x in LD1}, 'LDNF1_ri': {'ldnf1' + x[3:] for x in LD1},
    'LDN_rr': {p + s for p in ('ldnt1', 'ld2', 'ld3', 'ld4') for s in 'bhwd'},
    'LDN_ri': {p + s for p in ('ldnt1', 'ld2', 'ld3', 'ld4') for s in 'bhwd'},
    'ST1_rr': {'st1b', 'st1h', 'st1w', 'st1d'}, 'ST1_ri': {'st1b', 'st1h', 'st1w', 'st1d'},
    'STN_rr': {p + s for p in ('stnt1', 'st2', 'st3', 'st4') for s in 'bhwd'},
    'STN_ri': {p + s for p in ('stnt1', 'st2', 'st3', 'st4') for s in 'bhwd'},
    'ST1_s64': {'st1b', 'st1h', 'st1w', 'st1d'}, 'ST1_s64_32': {'st1b', 'st1h', 'st1w', 'st1d'},
    'ST1_s32': {'st1b', 'st1h', 'st1w'}, 'ST1_s64_vi': {'st1b', 'st1h', 'st1w', 'st1d'},
    'ST1_s32_vi': {'st1b', 'st1h', 'st1w'},
}

def load_table():
    lines = []
    for m in re.finditer(r'e\(\s*"([^"]+)",\s*"([^"]+)"', open(SRC).read()):
        name, pat = m.group(1), m.group(2)
        mask = val = 0
        pos = 32
        fields = []
        for tok in pat.split():
            if ':' in tok:
                n, w = tok.split(':')
                w = int(w.lstrip('s'))
                pos -= w
                fields.append((n, pos, w))
            else:
                for ch in tok:
                    pos -= 1
                    if ch in '01':
                        mask |= 1 << pos
                        val |= int(ch) << pos
        assert pos == 0, (name, pos)
        lines.append((name, mask, val))
    return lines

def expected(name):
    if name in ALIASES:
        return set(ALIASES[name].split())
    if name in MEM:
        return MEM[name]
    return {name.split('_')[0].lower()}

def disasm(words):
    inp = '\n'.join(' '.join('0x%02x' % ((w >> (8 * k)) & 0xff) for k in range(4)) for w in words)
    p = subprocess.run(['llvm-mc', '-triple=aarch64', '-mattr=+sve', '--disassemble'],
                       input=inp, capture_output=True, text=True)
    # stdout has one line per valid word; stderr one warning per invalid word, with the
    # input line number. Rebuild per-word results.
    out = [l.strip() for l in p.stdout.splitlines() if l.strip() and not l.strip().startswith('.text')]
    bad = set()
    for m in re.finditer(r'<stdin>:(\d+):\d+: warning: invalid instruction encoding', p.stderr):
        bad.add(int(m.group(1)) - 1)
    res = []
    it = iter(out)
    for k in range(len(words)):
        res.append(None if k in bad else next(it))
    return res

def decode(lines, w):
    for name, mask, val in lines:
        if w & mask == val:
            return name
    return None

def main():
    rnd0 = None
    n1 = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    n2 = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    rnd = random.Random(1)
    lines = load_table()
    words, owner = [], []
    for name, mask, val in lines:
        for _ in range(n1):
            w = (rnd.getrandbits(32) & ~mask) | val
            words.append(w); owner.append(name)
    res = disasm(words)
    mism = collections.defaultdict(list)
    invalid = collections.Counter()
    shadow = 0
    for w, name, r in zip(words, owner, res):
        d = decode(lines, w)
        if d != name:
            shadow += 1
            continue
        exp = expected(name)
        if r is None:
            invalid[name] += 1
            continue
        mn = r.split()[0]
        if exp is not None and mn not in exp:
            mism[name].append('%08x %s' % (w, r))
    for name, l in mism.items():
        print('MISMATCH', name, *l[:3], sep='\n   ')
    print('invalid-per-LLVM (must UNDEF):', dict(invalid))
    if os.environ.get('EMIT_INVALID'):
        with open(os.environ['EMIT_INVALID'], 'w') as f:
            f.write('// Generated by tools/sve_llvm_check.py: words matching a line of the SVE\n')
            f.write('// table that llvm-mc 14 (-mattr=+sve) rejects as invalid encodings.\n')
            f.write('pub const LLVM_INVALID: &[(u32, &str)] = &[\n')
            for w, name, r in zip(words, owner, res):
                if r is None and decode(lines, w) == name:
                    f.write('    (0x%08x, "%s"),\n' % (w, name))
            f.write('];\n')
    # Reverse check over the SVE space.
    words = [(rnd.getrandbits(32) & ~(0xF << 25)) | (0x2 << 25) for _ in range(n2)]
    res = disasm(words)
    missing = collections.defaultdict(list)
    for w, r in zip(words, res):
        if r is None:
            continue
        if decode(lines, w) is None:
            missing[r.split()[0]].append('%08x %s' % (w, r))
    for mn, l in sorted(missing.items(), key=lambda x: -len(x[1])):
        print('MISSING %-10s %5d  e.g. %s' % (mn, len(l), l[0]))

main()
