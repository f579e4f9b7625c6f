# The R side of bench/grid/run.sh: what the frame grid shows, printed by
# data.table (print of the same 47-row windows of all 12 columns, captured
# as text, 200 columns wide), timed in process (median of RUNS); loading
# is not timed.
#   Rscript bench/grid/grid.R DATA.csv POSITIONS RUNS THREADS
# Prints "op seconds size" lines, as bench_grid.c does.
suppressMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
path <- a[1]; runs <- as.integer(a[3])
setDTthreads(as.integer(a[4]))
options(width = 200)
SCREEN <- 47L   # the rows of data on a 50-line grid (header, types, status)
pos <- scan(a[2], what = integer(), quiet = TRUE)
d <- fread(path)

# A screen: the window's cells formatted as a table.
show <- function(x, i = 0L) {
  w <- x[(i + 1L):min(i + SCREEN, nrow(x))]
  invisible(capture.output(print(w)))
}

ops <- list(
  open = function() { show(d); nrow(d) },
  page = function() { for (i in pos) show(d, i); length(pos) * SCREEN },
  # order() inside [ is data.table's forder: stable, NA last
  sort = function() { s <- d[order(-amount)]; show(s); s$id[1] },
  freq = function() { f <- d[, .N, by = name][order(-N)]; show(f); nrow(f) },
  filter = function() { r <- d[amount > 100 & category == "Grocery"]; show(r); nrow(r) }
)
for (name in names(ops)) {
  size <- NA
  # Sys.time, not system.time: the latter counts whole milliseconds
  ts <- sapply(seq_len(runs), function(i) {
    t0 <- Sys.time()
    size <<- ops[[name]]()
    as.numeric(Sys.time() - t0, units = "secs")
  })
  t <- median(ts)
  if (name == "page") t <- t / length(pos)   # per screen
  cat(sprintf("%s %.9f %d\n", name, t, as.integer(size)))
}
