/* The seeded generator: reference streams, uniformity sanity, bounded
 * integers without modulo bias, and shuffles.
 *
 * Reference values were derived once with an independent Python
 * transcription of the authors' splitmix64.c and xoshiro256starstar.c
 * (prng.di.unimi.it), big integers masked to 64 bits; splitmix64 from
 * state 0 and 1234567 also matches the values published for it
 * (0xe220a8397b1dcdaf; 6457827717110365317, 3203168211198807973). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "tap.h"

int main(void)
{
    lt_rng r;

    /* Seeding: the state is the first four splitmix64 outputs. */
    lt_rng_seed(&r, 0);
    ok(r.s[0] == UINT64_C(0xe220a8397b1dcdaf) && r.s[1] == UINT64_C(0x6e789e6aa1b965f4)
       && r.s[2] == UINT64_C(0x06c45d188009454f), "seed 0: splitmix64 state");
    lt_rng_seed(&r, 1234567);
    ok(r.s[0] == UINT64_C(6457827717110365317) && r.s[1] == UINT64_C(3203168211198807973)
       && r.s[2] == UINT64_C(9817491932198370423), "seed 1234567: splitmix64 state");

    /* xoshiro256** streams. */
    static const uint64_t want0[] = {
        UINT64_C(0x99ec5f36cb75f2b4), UINT64_C(0xbf6e1f784956452a), UINT64_C(0x1a5f849d4933e6e0),
        UINT64_C(0x6aa594f1262d2d2c), UINT64_C(0xbba5ad4a1f842e59),
    };
    static const uint64_t want42[] = {
        UINT64_C(0x15780b2e0c2ec716), UINT64_C(0x6104d9866d113a7e), UINT64_C(0xae17533239e499a1),
        UINT64_C(0xecb8ad4703b360a1), UINT64_C(0xfde6dc7fe2ec5e64),
    };
    lt_rng_seed(&r, 0);
    for (int i = 0; i < 5; i++)
        ok(lt_rng_next(&r) == want0[i], "seed 0: output %d", i + 1);
    lt_rng_seed(&r, 42);
    for (int i = 0; i < 5; i++)
        ok(lt_rng_next(&r) == want42[i], "seed 42: output %d", i + 1);

    lt_rng_seed(&r, 42);
    is_num(lt_rng_uniform(&r), 0.08386297105988216, 0, "uniform 1 of seed 42");
    is_num(lt_rng_uniform(&r), 0.3789802506626686, 0, "uniform 2 of seed 42");
    is_num(lt_rng_uniform(&r), 0.6800434110281394, 0, "uniform 3 of seed 42");

    lt_rng_seed(&r, 42);
    static const int below10[] = { 2, 2, 9, 3, 6, 4, 4, 7, 8, 5 };
    int same = 1;
    for (int i = 0; i < 10; i++)
        same &= lt_rng_below(&r, 10) == (uint64_t)below10[i];
    ok(same, "below(10) x 10 of seed 42: 2 2 9 3 6 4 4 7 8 5");

    lt_rng a, b;
    lt_rng_seed(&a, 7);
    lt_rng_seed(&b, 7);
    int equal = 1;
    for (int i = 0; i < 1000; i++)
        equal &= lt_rng_next(&a) == lt_rng_next(&b);
    ok(equal, "same seed, same stream");
    lt_rng_seed(&b, 8);
    ok(lt_rng_next(&a) != lt_rng_next(&b), "another seed, another stream");
    lt_rng_seed(&a, UINT64_MAX);
    ok(lt_rng_next(&a) != 0 || lt_rng_next(&a) != 0, "seed 2^64-1 works");

    /* Uniformity sanity on 1e5 draws, with bounds of many standard errors
     * (the stream is fixed, so these only catch a broken generator). */
    enum { N = 100000 };
    lt_rng_seed(&r, 1);
    double sum = 0, lo = 1, hi = 0;
    int bins[10] = { 0 };
    for (int i = 0; i < N; i++) {
        double u = lt_rng_uniform(&r);
        sum += u;
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
        bins[(int)(u * 10)]++;
    }
    ok(lo >= 0 && hi < 1, "uniform stays in [0, 1)");
    is_num(sum / N, 0.5, 0.01, "mean of 1e5 uniforms near 1/2");
    int bins_ok = 1;
    for (int k = 0; k < 10; k++)
        bins_ok &= bins[k] > 9500 && bins[k] < 10500;
    ok(bins_ok, "each tenth of [0, 1) gets 10000 +- 500 of 1e5 uniforms");

    int counts[7] = { 0 };
    int in_range = 1;
    for (int i = 0; i < N; i++) {
        uint64_t k = lt_rng_below(&r, 7);
        in_range &= k < 7;
        if (k < 7)
            counts[k]++;
    }
    int counts_ok = 1;
    for (int k = 0; k < 7; k++)
        counts_ok &= abs(counts[k] - N / 7) < 600;
    ok(in_range && counts_ok, "below(7): each value 1e5/7 +- 600 times");

    /* n = 3 * 2^62: x mod n without rejection would put half the draws
     * below 2^62; uniform puts a third there. */
    uint64_t n = UINT64_C(3) << 62;
    int low = 0;
    in_range = 1;
    for (int i = 0; i < N; i++) {
        uint64_t k = lt_rng_below(&r, n);
        in_range &= k < n;
        low += k < (UINT64_C(1) << 62);
    }
    ok(in_range, "below(3 * 2^62) stays below n");
    is_num(low / (double)N, 1.0 / 3, 0.01, "below(3 * 2^62) has no modulo bias");
    ok(lt_rng_below(&r, 1) == 0 && lt_rng_below(&r, 0) == 0, "below(1) and below(0) are 0");
    in_range = 1;
    for (int i = 0; i < 1000; i++)
        in_range &= lt_rng_below(&r, UINT64_MAX) < UINT64_MAX;
    ok(in_range, "below(2^64 - 1)");

    /* Shuffles. */
    lt_rng_seed(&r, 42);
    int64_t ten[10];
    for (int i = 0; i < 10; i++)
        ten[i] = i;
    lt_rng_shuffle(&r, ten, 10);
    static const int64_t want_shuffle[] = { 7, 3, 8, 9, 5, 6, 4, 1, 0, 2 };
    ok(memcmp(ten, want_shuffle, sizeof ten) == 0, "shuffle of 0..9, seed 42: 7 3 8 9 5 6 4 1 0 2");

    enum { M = 1000 };
    int64_t *p = malloc(M * sizeof *p);
    uint8_t *seen = calloc(M, 1);
    for (int i = 0; i < M; i++)
        p[i] = i;
    lt_rng_shuffle(&r, p, M);
    int perm = 1, moved = 0;
    for (int i = 0; i < M; i++) {
        perm &= p[i] >= 0 && p[i] < M && !seen[p[i]];
        if (p[i] >= 0 && p[i] < M)
            seen[p[i]] = 1;
        moved += p[i] != i;
    }
    ok(perm, "a shuffle of 1000 is a permutation");
    ok(moved > 900, "and moves most elements (%d moved)", moved);
    free(p);
    free(seen);

    /* All 6 orders of 3 elements about equally often. */
    int orders[6] = { 0 };
    enum { T = 60000 };
    for (int i = 0; i < T; i++) {
        int64_t v[3] = { 0, 1, 2 };
        lt_rng_shuffle(&r, v, 3);
        orders[v[0] * 2 + (v[1] > v[2])]++;
    }
    int orders_ok = 1;
    for (int k = 0; k < 6; k++)
        orders_ok &= orders[k] > 9500 && orders[k] < 10500;
    ok(orders_ok, "each of the 6 orders of 3 elements 10000 +- 500 times in 60000");

    int64_t one = 5;
    lt_rng_shuffle(&r, &one, 1);
    lt_rng_shuffle(&r, NULL, 0);
    ok(one == 5, "shuffles of 1 and 0 elements");

    /* Streams: seed ^ the first splitmix64 output from state `stream`
     * (0xe220a8397b1dcdaf from 0, as above; 0x910a2dec89025cc1 from 1). */
    lt_rng_seed_stream(&a, 42, 0);
    lt_rng_seed(&b, 42 ^ UINT64_C(0xe220a8397b1dcdaf));
    ok(memcmp(&a, &b, sizeof a) == 0, "stream 0 of seed 42 is seed 42 ^ 0xe220a8397b1dcdaf");
    lt_rng_seed_stream(&a, 42, 1);
    lt_rng_seed(&b, 42 ^ UINT64_C(0x910a2dec89025cc1));
    ok(memcmp(&a, &b, sizeof a) == 0, "stream 1 of seed 42 is seed 42 ^ 0x910a2dec89025cc1");
    lt_rng_seed_stream(&b, 43, 1);
    ok(lt_rng_next(&a) != lt_rng_next(&b), "stream 1 of seeds 42 and 43 differ");
    return tap_done();
}
