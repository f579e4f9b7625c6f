/* stdout and stderr into an unlinked temporary file (see capture.h).
 *
 * Both descriptors share one open file in append mode, so the order of
 * writes is kept; the reader keeps its own offset (pread) and empties the
 * file when it has read everything, so a long session does not grow it. */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int file_fd = -1;        /* the capture file */
static int saved_out = -1, saved_err = -1;
static off_t read_off;

static int open_capture_file(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/lunette-out-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0 && dir && *dir) {   /* a TMPDIR we cannot write: /tmp then */
        strcpy(path, "/tmp/lunette-out-XXXXXX");
        fd = mkstemp(path);
    }
    if (fd < 0)
        return -1;
    unlink(path);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND);
    return fd;
}

FILE *lt_capture_start(void)
{
    if (file_fd >= 0)
        return NULL;
    fflush(stdout);
    fflush(stderr);
    int tty = dup(STDOUT_FILENO);
    FILE *term = tty >= 0 ? fdopen(tty, "w") : NULL;
    if (!term) {
        int e = errno;
        if (tty >= 0)
            close(tty);
        errno = e;
        return NULL;
    }
    fcntl(tty, F_SETFD, FD_CLOEXEC);
    file_fd = open_capture_file();
    saved_out = dup(STDOUT_FILENO);
    saved_err = dup(STDERR_FILENO);
    if (file_fd < 0 || saved_out < 0 || saved_err < 0 ||
        dup2(file_fd, STDOUT_FILENO) < 0 || dup2(file_fd, STDERR_FILENO) < 0) {
        int e = errno;
        lt_capture_stop();
        fclose(term);
        errno = e;
        return NULL;
    }
    read_off = 0;
    return term;
}

char *lt_capture_drain(size_t max, size_t *len)
{
    *len = 0;
    if (file_fd < 0)
        return NULL;
    fflush(stdout);
    fflush(stderr);
    off_t end = lseek(file_fd, 0, SEEK_END);
    if (end <= read_off) {
        if (end > 0 && end == read_off && ftruncate(file_fd, 0) == 0)
            read_off = 0;
        return NULL;
    }
    size_t want = (size_t)(end - read_off);
    if (want > max)
        want = max;
    char *buf = malloc(want + 1);
    if (!buf)
        return NULL;
    ssize_t got = pread(file_fd, buf, want, read_off);
    if (got <= 0) {
        free(buf);
        return NULL;
    }
    read_off += got;
    buf[got] = '\0';
    *len = (size_t)got;
    if (read_off == end && ftruncate(file_fd, 0) == 0)
        read_off = 0;   /* appends start again at 0 */
    return buf;
}

void lt_capture_stop(void)
{
    fflush(stdout);
    fflush(stderr);
    if (saved_out >= 0) {
        dup2(saved_out, STDOUT_FILENO);
        close(saved_out);
        saved_out = -1;
    }
    if (saved_err >= 0) {
        dup2(saved_err, STDERR_FILENO);
        close(saved_err);
        saved_err = -1;
    }
    if (file_fd < 0)
        return;
    char buf[65536];
    ssize_t n;
    while ((n = pread(file_fd, buf, sizeof buf, read_off)) > 0) {
        read_off += n;
        if (write(STDERR_FILENO, buf, (size_t)n) < 0)
            break;
    }
    close(file_fd);
    file_fd = -1;
}
