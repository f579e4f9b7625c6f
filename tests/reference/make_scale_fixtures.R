# R's pretty() on varied ranges, the reference of lt_pretty (plots/scale.c).
# Writes scale_pretty.csv: lo, hi, n, then pretty(c(lo, hi), n)'s first
# value, step (first difference), count and last value.  Run from the repository root:
#   Rscript tests/reference/make_scale_fixtures.R
cases <- list(
  c(0, 1, 5), c(0, 10, 5), c(0, 100, 5), c(1, 9, 5), c(-1, 1, 5),
  c(-3.7, 12.2, 5), c(0.001, 0.0095, 5), c(18.25, 118.75, 5),
  c(0, 72, 13), c(18.8, 8684.8, 14), c(2700, 6300, 10), c(-273.15, 100, 5),
  c(1e-12, 2e-12, 5), c(1, 1 + 1e-12, 5), c(1e6, 1e6 + 1, 5),
  c(123456789, 987654321, 5), c(1e300, 5e300, 5), c(-5e300, 1e300, 5),
  c(1e-300, 1e-299, 5), c(5, 5, 5), c(0, 0, 5), c(-7, -7, 5),
  c(1000, 1000, 5), c(0.1, 0.1, 5), c(-1e-5, 1e-5, 5), c(0.2, 0.8, 2),
  c(0, 1, 2), c(0, 1, 1), c(0, 1, 0), c(0, 1, 10), c(0, 1, 20),
  c(-0.04, 1.04, 5), c(-0.96, 24.96, 5), c(3.14159, 2.71828e3, 7),
  c(-1000, -1, 5), c(-1e9, 3e9, 4), c(0.3, 0.30000000001, 5),
  c(17, 23, 3), c(99, 101, 5), c(1, 1e15, 5), c(0, 1.5, 5), c(1.0e-8, 9.9e-6, 6)
)
out <- do.call(rbind, lapply(cases, function(cs) {
  p <- pretty(c(cs[1], cs[2]), n = cs[3])
  step <- if (length(p) > 1) diff(p)[1] else NA
  g <- function(v) sprintf("%.17g", v)
  data.frame(lo = g(cs[1]), hi = g(cs[2]), n = cs[3], start = g(p[1]),
             step = g(step), count = length(p), last = g(p[length(p)]))
}))
write.csv(out, "tests/reference/scale_pretty.csv", row.names = FALSE,
          quote = FALSE)
