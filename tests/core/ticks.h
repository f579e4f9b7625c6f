/* A progress reporter for the C tests of long loops: it counts the ticks,
 * checks that the fractions rise within [0, 1], counts the ticks from
 * threads other than the caller's, and cancels at the cancel_at-th tick
 * (0 or -1: never).  Set p to the lt_progress whose ud is the ticks. */
#ifndef LT_TEST_TICKS_H
#define LT_TEST_TICKS_H

#include <pthread.h>

#include "progress.h"

typedef struct ticks {
    pthread_t caller;
    int n, others, cancel_at;
    double last;
    int monotone;   /* start at 1 */
    lt_progress *p;
} ticks;

__attribute__((unused)) static void on_tick(void *ud, double f)
{
    ticks *k = ud;
    k->others += !pthread_equal(pthread_self(), k->caller);
    k->monotone &= f >= k->last && f <= 1;
    k->last = f;
    if (++k->n == k->cancel_at)
        k->p->cancel = 1;
}

#endif
