# The data.table side of bench/verbs/run.sh (same operations as verbs.lua).
#   Rscript bench/verbs/verbs.R FACT.csv DIM.csv RUNS THREADS
suppressMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
runs <- as.integer(a[3])
setDTthreads(as.integer(a[4]))
d <- fread(a[1])
cust <- fread(a[2])

ops <- list(
  groupby = function() d[, .(total = sum(amount, na.rm = TRUE), avg_price = mean(price),
                             top = max(score, na.rm = TRUE)), keyby = .(category, region)],
  sort = function() d[order(category, amount)],
  filter = function() d[amount > 100 & category == "Grocery"],
  join = function() cust[d, on = "customer"]
)
for (name in names(ops)) {
  r <- NULL
  ts <- sapply(seq_len(runs), function(i) system.time(r <<- ops[[name]]())[["elapsed"]])
  cat(sprintf("%s %.3f %d\n", name, median(ts), nrow(r)))
}
