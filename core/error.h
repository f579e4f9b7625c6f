/* Error reporting for liblunette: status codes and a thread-local message.
 *
 * Core functions return 0 (or a valid pointer) on success and a negative
 * LT_E* code (or NULL) on failure, after setting a message that says what
 * was wrong and what was expected.  The core never prints, exits or aborts. */
#ifndef LT_ERROR_H
#define LT_ERROR_H

enum {
    LT_OK = 0,
    LT_ENOMEM = -1,      /* allocation failed */
    LT_EINVAL = -2,      /* bad argument: value out of range, unknown name */
    LT_ETYPE = -3,       /* wrong column type for the operation */
    LT_EIO = -4,         /* the system refused a file operation */
    LT_EPARSE = -5,      /* malformed input (CSV, dates, expressions) */
    LT_ECANCELED = -6,   /* the user cancelled through lt_progress */
    LT_ELENGTH = -7,     /* column lengths do not match */
    LT_ERANGE = -8       /* a result does not fit its type (an i64 sum) */
};

/* The message of the last failure on this thread ("" if none). */
const char *lt_errmsg(void);

/* The code of the last failure on this thread (LT_OK if none). */
int lt_errcode(void);

/* Set the message (printf-style) and return `code`, so that callers can
 * write `return lt_seterr(LT_EINVAL, "k = %d is ...", k);`. */
int lt_seterr(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Set LT_ENOMEM with a standard message; returns LT_ENOMEM. */
int lt_nomem(void);

void lt_clearerr(void);

#endif
