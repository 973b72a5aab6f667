#!/usr/bin/env python3
"""Cross-checks the SVE decode table (src/isa/sve/mod.rs) against LLVM's disassembler.

1. For every table line, random words matching its pattern are disassembled with
   llvm-mc; the mnemonic must be one the line's name stands for (or LLVM must call the
   word invalid, which is reported separately: our handler must UNDEF those).
2. Random words in the SVE encoding space that LLVM decodes to an SVE instruction
   must match some table line (FP and SVE2 mnemonics are listed as not yet covered).
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
    if name.startswith('LD') or name.startswith('ST') or name.startswith('PRF'):
        return None  # memory lines: checked by the memory rules below
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
