/* Persistent REPL history on top of readline's history list.
 *
 * Entries are written with timestamps ("#<time>" lines) so that readline
 * can read a multi-line statement back as one entry.  Each entry is
 * appended as it is added, so concurrent sessions and a crash lose
 * nothing; the file is rewritten at start-up when it has grown past the
 * cap.  Failures never stop the REPL: one warning, then no history file. */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

static char *path;   /* NULL: no history file */

/* Report the first failure and stop using the file. */
static void give_up(const char *what, int err)
{
    fprintf(stderr, "lunette: cannot %s %s: %s (history is not saved)\n",
            what, path, strerror(err));
    free(path);
    path = NULL;
}

static char *join(const char *dir, const char *rest)
{
    size_t n = strlen(dir) + strlen(rest) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", dir, rest);
    return s;
}

/* $XDG_STATE_HOME/lunette/history; the spec ignores a relative value. */
static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    if (state && state[0] == '/')
        return join(state, "/lunette/history");
    const char *home = getenv("HOME");
    if (home && home[0])
        return join(home, "/.local/state/lunette/history");
    return NULL;
}

/* mkdir -p of the directory holding `file`; 0 or an errno value. */
static int make_parent_dirs(char *file)
{
    for (char *p = file + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int err = mkdir(file, 0700) == 0 || errno == EEXIST ? 0 : errno;
        *p = '/';
        if (err)
            return err;
    }
    return 0;
}

static int create_file(const char *file)
{
    int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno;
    close(fd);
    return 0;
}

void lt_history_open(void)
{
    history_comment_char = '#';   /* timestamp lines mark entry starts */
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    stifle_history(LT_HISTORY_MAX);

    path = history_path();
    if (!path)
        return;
    int err = make_parent_dirs(path);
    if (err) {
        give_up("create the directory of", err);
        return;
    }
    err = read_history(path);
    if (err == ENOENT) {
        err = create_file(path);
    } else if (err) {
        give_up("read", err);
        return;
    } else if (history_length >= LT_HISTORY_MAX) {
        err = write_history(path);   /* trim what other sessions appended */
    }
    if (err)
        give_up("write", err);
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

void lt_history_add(const char *entry)
{
    if (blank(entry))
        return;
    HIST_ENTRY *last = history_get(history_base + history_length - 1);
    if (last && strcmp(last->line, entry) == 0)
        return;
    add_history(entry);
    if (path) {
        int err = append_history(1, path);
        if (err)
            give_up("write", err);
    }
}
