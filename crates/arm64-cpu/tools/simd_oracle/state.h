/* Deterministic input state for one oracle case; mirrored by tests/simd_qemu.rs. */
#include <stdint.h>

struct state {
    uint64_t x[31];    /* X0..X30, offset 0 */
    uint64_t fpsr;     /* offset 248 */
    uint64_t v[32][2]; /* V0..V31 (low, high 64 bits), offset 256 */
};

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A 64-bit chunk built to hit saturation and sign corners often. */
static uint64_t chunk(uint64_t *s) {
    static const uint64_t sp8[8] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40};
    static const uint64_t sp16[8] = {0x0000, 0x0001, 0x7fff, 0x8000, 0xffff, 0x8001, 0x4000, 0x00ff};
    static const uint64_t sp32[8] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0x40000000, 0xffff};
    static const uint64_t sp64[8] = {0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                     0xffffffffffffffffull, 0x8000000000000001ull, 0x4000000000000000ull,
                                     0xffffffffull};
    uint64_t mode = splitmix(s) % 6, r = 0;
    int k;
    switch (mode) {
    case 1:
        for (k = 0; k < 8; k++) {
            uint64_t t = splitmix(s);
            r |= ((t & 8) ? (t >> 8) & 0xff : sp8[t & 7]) << (8 * k);
        }
        return r;
    case 2:
        for (k = 0; k < 4; k++) {
            uint64_t t = splitmix(s);
            r |= ((t & 8) ? (t >> 8) & 0xffff : sp16[t & 7]) << (16 * k);
        }
        return r;
    case 3:
        for (k = 0; k < 2; k++) {
            uint64_t t = splitmix(s);
            r |= ((t & 8) ? (t >> 8) & 0xffffffff : sp32[t & 7]) << (32 * k);
        }
        return r;
    case 4: {
        uint64_t t = splitmix(s);
        return (t & 8) ? (t >> 4) & 0xff : sp64[t & 7];
    }
    default:
        return splitmix(s);
    }
}

static void make_state(struct state *st, uint64_t seed) {
    uint64_t s = seed;
    int i;
    for (i = 0; i < 32; i++) {
        st->v[i][0] = chunk(&s);
        st->v[i][1] = chunk(&s);
    }
    for (i = 0; i < 31; i++)
        st->x[i] = chunk(&s);
    st->fpsr = 0;
}
