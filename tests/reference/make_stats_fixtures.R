# R's answers for plots/stats.c on the example data: histogram breaks of
# hist() (Sturges), bw.nrd0 and boxplot.stats (whole columns and by group).
# Run from the repository root, before make_stats_fixtures.py (which reads
# the breaks and bandwidths written here):
#   Rscript tests/reference/make_stats_fixtures.R
# Writes, next to this script:
#   stats_breaks.csv  column, i, value      hist(x, plot = FALSE)$breaks
#   stats_bw.csv      column, bw            bw.nrd0(x[is.finite(x)])
#   stats_box.csv     column, group, what, value
#                     what: lo, q1, median, q3, hi, n, then one "out" row
#                     per outlier in data order (boxplot.stats(x)$out)
# Missing values are dropped first, as lunette skips them.
dir <- "tests/reference"
telco <- read.csv("examples/data/telco_churn.csv")
peng <- read.csv("examples/data/penguins.csv")
cols <- list(
  tenure = telco$tenure, monthly_charges = telco$monthly_charges,
  total_charges = telco$total_charges, body_mass_g = peng$body_mass_g,
  bill_length_mm = peng$bill_length_mm)
g <- function(v) sprintf("%.17g", v)

br <- do.call(rbind, lapply(names(cols), function(nm) {
  b <- hist(cols[[nm]], plot = FALSE)$breaks
  data.frame(column = nm, i = seq_along(b) - 1L, value = g(b))
}))
write.csv(br, file.path(dir, "stats_breaks.csv"), row.names = FALSE, quote = FALSE)

bw <- do.call(rbind, lapply(names(cols), function(nm) {
  x <- cols[[nm]]
  data.frame(column = nm, bw = g(bw.nrd0(x[is.finite(x)])))
}))
write.csv(bw, file.path(dir, "stats_bw.csv"), row.names = FALSE, quote = FALSE)

box1 <- function(nm, grp, x) {
  x <- x[!is.na(x)]
  s <- boxplot.stats(x)
  rbind(data.frame(column = nm, group = grp,
                   what = c("lo", "q1", "median", "q3", "hi", "n"),
                   value = g(c(s$stats, s$n))),
        if (length(s$out))
          data.frame(column = nm, group = grp, what = "out", value = g(s$out)))
}
bx <- rbind(
  do.call(rbind, lapply(names(cols), function(nm) box1(nm, "", cols[[nm]]))),
  do.call(rbind, lapply(sort(unique(telco$contract)), function(k)
    box1("monthly_charges", k, telco$monthly_charges[telco$contract == k]))),
  do.call(rbind, lapply(sort(unique(telco$contract)), function(k)
    box1("total_charges", k, telco$total_charges[telco$contract == k]))),
  do.call(rbind, lapply(sort(unique(peng$species)), function(k)
    box1("body_mass_g", k, peng$body_mass_g[peng$species == k]))))
write.csv(bx, file.path(dir, "stats_box.csv"), row.names = FALSE, quote = FALSE)
