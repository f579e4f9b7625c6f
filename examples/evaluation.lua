-- Judging a churn score: two hand-made rules on the telco data, evaluated
-- as a model's predicted probabilities would be.
--   lunette examples/evaluation.lua [outdir]
-- With outdir, the confusion matrix and the ROC comparison are also saved
-- there as PNG files.
local outdir = arg[1]
local churn = read_csv("examples/data/telco_churn.csv")

-- Rule A: what an account manager knows about churn, as a score in [0, 1]:
-- month-to-month contracts, new customers, fibre (pricier, and its users
-- shop around) and high bills churn more.
local scored = churn:mutate{
  rule_a = "0.05 + 0.30 * (contract == 'Month-to-month') + 0.20 * (tenure < 12)" ..
           " + 0.15 * (internet_service == 'Fiber optic') + 0.002 * monthly_charges",
  -- Rule B: the contract alone, with a little weight on tenure.
  rule_b = "0.15 + 0.45 * (contract == 'Month-to-month') - 0.002 * tenure",
}

-- The printout says what was evaluated: the positive class ('Yes', and
-- why), the threshold, the metrics.
local a = evaluate(scored.churn, scored.rule_a, { positive = "Yes", name = "rule A" })
print(a)
print()

-- Where the rule goes wrong at 0.5, and as shares of each true class.
print(a:confusion())
print(a:confusion{ normalize = "true" })
plot(a:confusion())

-- The ranking: ROC and precision-recall curves.
print(a:roc())
plot(a:roc())
plot(a:pr())
plot(a:calibration{ bins = 10 })

-- Choosing the threshold: the best F1, or catching 80% of the churners,
-- or a missed churner costing five times a wasted retention call.
local best = a:threshold{ maximize = "f1" }
print(best)
local catch80 = a:threshold{ recall = 0.80 }
local cost = a:threshold{ cost = { fp = 1, fn = 5 } }
print(string.format("F1-best threshold %.3f (F1 %.3f); recall >= 0.8 at %.3f " ..
  "(precision %.3f); least cost at %.3f", best.threshold, best.f1, catch80.threshold,
  catch80.precision, cost.threshold))
plot(a:threshold_curve())

-- How sure are we?  DeLong for the AUC, the bootstrap for F1.
print(a:ci())
print(best:ci{ "f1", n = 500, seed = 1 })

-- Rule A against the simpler rule B on the same customers: the table and
-- DeLong's paired test of the AUC difference.
local b = evaluate(scored.churn, scored.rule_b, { name = "rule B" })
local cmp = compare(a, b)
print(cmp)
plot(cmp)

assert(a.n == 7043 and a.positive == "Yes", "every customer evaluated, churn = Yes positive")
assert(a.auc > b.auc and cmp.p_value < 0.05, "rule A ranks churners better than rule B")

if outdir then
  save(plot(a:confusion()), outdir .. "/evaluation_confusion.png")
  save(plot(cmp), outdir .. "/evaluation_roc.png")
  print("figures saved in " .. outdir)
end
