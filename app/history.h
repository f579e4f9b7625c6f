/* Persistent REPL history in $XDG_STATE_HOME/lunette/history (default
 * ~/.local/state/lunette/history), through GNU readline's history list.
 * Only the REPL on a terminal uses the file; batch mode and a REPL fed
 * from a pipe (-i) never touch it. */
#ifndef LT_HISTORY_H
#define LT_HISTORY_H

/* Most entries kept in memory and in the file. */
#define LT_HISTORY_MAX 1000

/* Find (and create) the history file and load it into readline's list. */
void lt_history_open(void);

/* Add one entry (a multi-line statement is one entry) to the list and,
 * after lt_history_open, append it to the file.  Blank entries and repeats of the previous entry
 * are skipped.  A file that cannot be written gives one warning. */
void lt_history_add(const char *entry);

#endif
