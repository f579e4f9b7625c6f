# The base R side of bench/eval/run.sh (same operations as eval.lua):
# the AUC as the Mann-Whitney statistic from mid-ranks, the PR curve from
# order() and cumsum() at distinct scores, and BOOT stratified resamples of
# the AUC scaled to 1000.  Prints "<op> <seconds> <size>", median of RUNS.
#   Rscript bench/eval/eval.R DATA.csv RUNS BOOT
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; runs <- as.integer(args[2]); boot <- as.integer(args[3])
d <- read.csv(path)
y <- d$y; s <- d$score

auc <- function(y, s) {
    r <- rank(s)                       # mid-ranks: ties count 1/2
    n1 <- as.numeric(sum(y == 1)); n0 <- length(y) - n1
    (sum(r[y == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0)
}
pr <- function(y, s) {
    o <- order(s, decreasing = TRUE)
    tp <- cumsum(y[o] == 1); fp <- cumsum(y[o] == 0)
    last <- !duplicated(s[o], fromLast = TRUE)   # one point per distinct score
    precision <- tp[last] / (tp[last] + fp[last]); recall <- tp[last] / tp[length(tp)]
    length(precision) + 1                        # with the (recall 0, precision 1) end
}
bootstrap <- function() {
    set.seed(1)
    pos <- which(y == 1); neg <- which(y == 0)
    a <- replicate(boot, { i <- c(sample(pos, replace = TRUE), sample(neg, replace = TRUE))
                           auc(y[i], s[i]) })
    quantile(a, c(0.025, 0.975))
    1000
}
time_op <- function(name, fn, n, scale = 1) {
    ts <- numeric(n); size <- NA
    for (k in seq_len(n)) {
        t0 <- proc.time()[["elapsed"]]
        size <- fn()
        ts[k] <- (proc.time()[["elapsed"]] - t0) * scale
    }
    cat(sprintf("%s %.4f %s\n", name, median(ts), format(size, scientific = FALSE)))
}
time_op("auc", function() round(auc(y, s), 6), runs)
time_op("pr", function() pr(y, s), runs)
time_op("boot", bootstrap, 1, 1000 / boot)
