/* The project's seeded pseudo-random generator: splitmix64 seeding and
 * xoshiro256** (see rng.h), written from the published algorithms. */
#include "rng.h"

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void lt_rng_seed(lt_rng *r, uint64_t seed)
{
    /* splitmix64 is a bijection of its state, so its four outputs are never
     * all zero (the one state xoshiro must avoid). */
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

void lt_rng_seed_stream(lt_rng *r, uint64_t seed, uint64_t stream)
{
    lt_rng_seed(r, seed ^ splitmix64(&stream));
}

uint64_t lt_rng_next(lt_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double lt_rng_uniform(lt_rng *r)
{
    return (double)(lt_rng_next(r) >> 11) * 0x1p-53;
}

uint64_t lt_rng_below(lt_rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    uint64_t threshold = (0 - n) % n;   /* (2^64 - n) mod n, in uint64_t */
    for (;;) {
        uint64_t x = lt_rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

void lt_rng_shuffle(lt_rng *r, int64_t *a, int64_t n)
{
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = (int64_t)lt_rng_below(r, (uint64_t)i + 1);
        int64_t t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
