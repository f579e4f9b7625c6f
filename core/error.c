/* Thread-local error state for liblunette (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char errbuf[512];
static _Thread_local int errcode;

const char *lt_errmsg(void) { return errbuf; }

int lt_errcode(void) { return errcode; }

int lt_seterr(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
    errcode = code;
    return code;
}

int lt_nomem(void) { return lt_seterr(LT_ENOMEM, "out of memory"); }

void lt_clearerr(void)
{
    errbuf[0] = '\0';
    errcode = LT_OK;
}
