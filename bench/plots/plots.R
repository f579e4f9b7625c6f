# The R side of bench/plots/run.sh: the same operations as plots.lua with
# base R graphics, timed in process (median of RUNS).
#   Rscript bench/plots/plots.R DATA.csv RUNS THREADS OUTDIR
suppressMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
path <- a[1]; runs <- as.integer(a[2]); threads <- as.integer(a[3]); outdir <- a[4]
d <- fread(path, select = c("amount", "price"), nThread = threads)
x <- d$amount[!is.na(d$amount)]
pts <- d[seq_len(min(1e6, nrow(d)))]

ops <- list(
  # 50 equal bins (R's breaks = 50 would round them to pretty numbers).
  hist = function() length(hist(x, breaks = seq(min(x), max(x), length.out = 51),
                                plot = FALSE)$counts),
  density = function() length(density(x, n = 512)$y),
  scatter_png = function() {
    png(file.path(outdir, "scatter_r.png"), width = 1200, height = 750, res = 150)
    plot(pts$amount, pts$price, pch = 16, cex = 0.3)
    dev.off()
    nrow(pts)
  },
  hist_png = function() {
    png(file.path(outdir, "hist_r.png"), width = 1200, height = 750, res = 150)
    hist(x, breaks = seq(min(x), max(x), length.out = 51))
    dev.off()
    50L
  }
)
for (name in names(ops)) {
  ts <- numeric(runs)
  for (i in seq_len(runs)) {
    t0 <- proc.time()[["elapsed"]]
    size <- ops[[name]]()
    ts[i] <- proc.time()[["elapsed"]] - t0
  }
  cat(sprintf("%s %.3f %d\n", name, median(ts), as.integer(size)))
}
