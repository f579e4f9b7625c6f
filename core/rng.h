/* A small seeded pseudo-random generator for the whole project.
 *
 * xoshiro256** 1.0 (Blackman and Vigna), its 256-bit state filled by four
 * successive outputs of splitmix64 from a 64-bit seed, as the authors
 * recommend.  Pure integer arithmetic on uint64_t: the same seed gives the
 * same stream on every platform and compiler.  The generator is not
 * thread-safe; a threaded kernel draws what it needs before splitting, or
 * gives each chunk its own generator seeded from the first, so that results
 * never depend on the thread count.  Not for cryptography. */
#ifndef LT_RNG_H
#define LT_RNG_H

#include <stdint.h>

typedef struct lt_rng {
    uint64_t s[4];
} lt_rng;

/* Seed r: s[0..3] are the first four splitmix64 outputs from state `seed`. */
void lt_rng_seed(lt_rng *r, uint64_t seed);

/* Seed r for stream `stream` of `seed`: lt_rng_seed(r, seed ^ h), h the
 * first splitmix64 output from state `stream`.  The replicates of a
 * bootstrap or the repeats of a cross-validation each draw from stream b
 * of the user's seed, so that any thread can run any of them. */
void lt_rng_seed_stream(lt_rng *r, uint64_t seed, uint64_t stream);

/* The next 64 random bits. */
uint64_t lt_rng_next(lt_rng *r);

/* A uniform double in [0, 1): the top 53 bits of lt_rng_next times 2^-53. */
double lt_rng_uniform(lt_rng *r);

/* A uniform integer in [0, n) for n >= 1 (0 when n is 0), without modulo
 * bias: draws x = lt_rng_next until x >= (2^64 - n) mod n, then returns
 * x mod n (the rejected low range is the one that would make the small
 * residues more likely).  Fewer than 2 draws on average, whatever n. */
uint64_t lt_rng_below(lt_rng *r, uint64_t n);

/* Shuffle a[0..n) in place, every permutation equally likely
 * (Fisher-Yates, from the end: for i = n-1 down to 1, swap a[i] with
 * a[lt_rng_below(r, i + 1)]). */
void lt_rng_shuffle(lt_rng *r, int64_t *a, int64_t n);

#endif
