# R's side of tests/reference/test_verbs.lua: per-group mean, var, sd,
# median, quantile and sum with na.rm = TRUE on examples/data/telco_churn.csv,
# which lunette must match to the last bit (it follows R's algorithms).
#   Rscript tests/reference/make_verbs_fixtures.R
# Made with R 4.2.2 (Debian's r-base-core).  Writes verbs_agg_r.csv here.
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(file.path(here, "..", "..", "examples", "data", "telco_churn.csv"))
key <- interaction(d$contract, d$internet_service, sep = "\r", lex.order = TRUE, drop = TRUE)
per <- function(x, f) unname(tapply(x, key, f))
parts <- do.call(rbind, strsplit(levels(key), "\r", fixed = TRUE))
out <- data.frame(
  contract = parts[, 1], internet_service = parts[, 2],
  spend_mean = per(d$monthly_charges, mean),
  spend_std = per(d$monthly_charges, sd),
  total_sum = per(d$total_charges, function(x) sum(x, na.rm = TRUE)),
  total_mean = per(d$total_charges, function(x) mean(x, na.rm = TRUE)),
  total_var = per(d$total_charges, function(x) var(x, na.rm = TRUE)),
  total_median = per(d$total_charges, function(x) median(x, na.rm = TRUE)),
  total_q90 = per(d$total_charges, function(x) unname(quantile(x, 0.9, na.rm = TRUE))))
out[] <- lapply(out, function(c) if (is.numeric(c)) sprintf("%.17g", c) else c)
write.csv(out, file.path(here, "verbs_agg_r.csv"), row.names = FALSE, quote = FALSE)
