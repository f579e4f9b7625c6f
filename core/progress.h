/* Progress reporting and cancellation for long-running kernels.
 *
 * A caller (the REPL, the TUI) passes an lt_progress to CSV loading,
 * fitting and scans.  The kernel calls lt_progress_tick() now and then from
 * the calling thread only; a non-zero return means the user asked to cancel
 * (Ctrl-C sets `cancel` from a signal handler), and the kernel then returns
 * LT_ECANCELED, leaving its inputs untouched.  A NULL lt_progress is valid
 * and means "no reporting, no cancellation". */
#ifndef LT_PROGRESS_H
#define LT_PROGRESS_H

#include <signal.h>

typedef struct lt_progress {
    void (*report)(void *ud, double fraction); /* fraction in [0, 1]; may be NULL */
    void *ud;
    const char *label;                         /* what runs ("read_csv"), set by
                                                  whoever starts the work, shown
                                                  by the host; may be NULL */
    volatile sig_atomic_t cancel;              /* set to 1 to request cancellation */
} lt_progress;

static inline int lt_progress_tick(lt_progress *p, double fraction)
{
    if (!p)
        return 0;
    if (p->report)
        p->report(p->ud, fraction);
    return p->cancel != 0;
}

static inline int lt_progress_cancelled(const lt_progress *p)
{
    return p && p->cancel != 0;
}

#endif
