-- Model evaluation through the Lua API: evaluate() for binary scores,
-- class predictions, class probabilities and regressions; the metric
-- fields, printouts, confusion matrices, curves, thresholds, intervals,
-- compare(), plots of every object, and the error of each bad input.
-- Expected values are scikit-learn 1.2.1's on the same small data (the
-- reference test checks larger data to 1e-9).
local t = require "tap"

local TOL = 1e-12

local u = require "testutil"
local plotted, is_figure, lines = u.plotted, u.is_figure, u.lines

-- ---- binary: the small case --------------------------------------------------------------

-- 12 rows: a missing truth (row 10) and a missing score (row 11) are dropped;
-- the scores tie at 0.5 across the classes (rows 8 and 12).
local small = frame{
  y = { "Yes", "No", "Yes", "No", "No", "Yes", "No", "No", "Yes", NA, "No", "Yes" },
  s = { 0.9, 0.1, 0.8, 0.4, 0.6, 0.3, 0.2, 0.5, 0.7, 0.5, NA, 0.5 },
}
local ev = evaluate(small.y, small.s, { name = "small" })
t.is(getmetatable(ev).__name, "lunette.Evaluation", "evaluate returns an Evaluation")
t.is(ev.type, "binary", "str truth, number scores: binary")
t.is(ev.n, 10, "n: rows kept")
t.is(ev.dropped, 2, "dropped: a missing truth and a missing score")
t.is(ev.name, "small", "name")
t.is(ev.positive, "Yes", "positive: 'Yes' reads as yes")
t.is(ev.negative, "No", "negative")
t.is(ev.threshold, 0.5, "threshold: 0.5 by default")
t.near(ev.auc, 0.82, TOL, "auc (roc_auc_score; the tie counts 1/2)")
t.near(ev.ap, 0.8583333333333334, TOL, "ap (average_precision_score)")
t.near(ev.log_loss, 0.5031066598968776, TOL, "log_loss")
t.near(ev.brier, 0.17, TOL, "brier")
t.near(ev.accuracy, 0.7, TOL, "accuracy at 0.5: a score equal to it is positive")
t.near(ev.balanced_accuracy, 0.7, TOL, "balanced_accuracy")
t.near(ev.precision, 2 / 3, TOL, "precision")
t.near(ev.recall, 0.8, TOL, "recall")
t.near(ev.specificity, 0.6, TOL, "specificity")
t.near(ev.f1, 0.7272727272727272, TOL, "f1")
t.near(ev.mcc, 0.408248290463863, TOL, "mcc")
t.near(ev.kappa, 0.4, TOL, "kappa")
t.is(ev.prevalence, 0.5, "prevalence")

t.same(lines(tostring(ev)), {
  'Binary evaluation "small" of 10 rows (2 dropped: missing truth or score)',
  "positive class 'Yes' (default: it reads as yes), negative 'No'",
  "prevalence 0.5000 (5 positive)",
  "threshold 0.5: a score >= 0.5 predicts 'Yes'",
  "",
  "  metric             value",
  "  auc               0.8200  area under the ROC curve",
  "  ap                0.8583  average precision (step-wise, not trapezoid)",
  "  log_loss          0.5031  mean -log(probability of the true class)",
  "  brier             0.1700  mean squared error of the scores",
  "  accuracy          0.7000  share of rows predicted right",
  "  balanced_accuracy 0.7000  mean of recall and specificity",
  "  precision         0.6667  share of predicted positives that are positive",
  "  recall            0.8000  share of positives predicted positive",
  "  specificity       0.6000  share of negatives predicted negative",
  "  f1                0.7273  harmonic mean of precision and recall",
  "  mcc               0.4082  Matthews correlation (-1 to 1)",
  "  kappa             0.4000  Cohen's kappa: agreement beyond chance",
}, "binary printout")

-- metrics(): every metric, prevalence last
local m = ev:metrics()
t.same(m:names(), { "metric", "value" }, "metrics: columns")
t.same(m.metric:to_table(), { "auc", "ap", "log_loss", "brier", "accuracy", "balanced_accuracy",
  "precision", "recall", "specificity", "f1", "mcc", "kappa", "prevalence" }, "metrics: names")
t.near(m.value:to_table()[10], ev.f1, 0, "metrics: values are the fields")

-- ---- fields ------------------------------------------------------------------------------

t.raises(function() return ev.acuracy end,
  "evaluation: no field or method 'acuracy' (did you mean 'accuracy'?)", "misspelt field")
t.raises(function() return ev.rmse end,
  "evaluation: 'rmse' is a field of regression evaluations; this one is binary",
  "a field of another kind")
t.raises(function() return ev.classes end,
  "'classes' is a field of multiclass evaluations; this one is binary", "classes of a binary")
t.raises(function() return ev[1] end, "evaluation: index with a field name, got number",
  "index with a number")

-- ---- positive classes and their defaults ------------------------------------------------------

local function first_lines(x, n)
  local l = lines(tostring(x))
  return table.concat(l, "\n", 1, n)
end

local b = frame{ t = { true, false, true, false }, s = { 0.8, 0.3, 0.4, 0.6 } }
local evb = evaluate(b.t, b.s)
t.is(evb.positive, true, "bool truth: positive true (a boolean)")
t.is(evb.negative, false, "bool truth: negative false")
t.ok(first_lines(evb, 2):find("positive class 'true' (default: true of a bool column), " ..
  "negative 'false'", 1, true), "bool truth: the printout says why")
local i01 = frame{ t = { 1, 0, 1, 0 }, s = { 0.8, 0.3, 0.4, 0.6 } }
local evi = evaluate(i01.t, i01.s)
t.is(evi.type, "binary", "0/1 truth with scores: binary")
t.is(evi.positive, 1, "0/1 truth: positive 1 (an integer)")
t.ok(tostring(evi):find("(default: 1 of 0/1 labels)", 1, true), "0/1 truth: why")
t.is(evaluate(i01.t, i01.s, { positive = 0 }).positive, 0, "positive = 0")
t.near(evaluate(i01.t, i01.s, { positive = 0 }).auc, 1 - evi.auc, TOL,
  "positive = 0: the AUC of the other class")
local f01 = frame{ t = { 1.0, 0.0, 1.0, 0.0 }, s = { 0.8, 0.3, 0.4, 0.6 } }
t.is(evaluate(f01.t, f01.s).type, "binary", "f64 0/1 truth: binary")
t.near(evaluate(f01.t, f01.s).auc, evi.auc, 0, "f64 0/1 truth: as i64")
local words = frame{ t = { "stayed", "churned", "stayed" }, s = { 0.2, 0.9, 0.1 } }
local evw = evaluate(words.t, words.s)
t.is(evw.positive, "stayed", "no rule applies: the last label in sorted order")
t.ok(tostring(evw):find("positive class 'stayed' (default: the last label in sorted order)",
  1, true), "last label: why")
local evg = evaluate(words.t, words.s, { positive = "churned" })
t.ok(tostring(evg):find("positive class 'churned' (given), negative 'stayed'", 1, true),
  "a given positive class: said so")
t.is(evaluate(b.t, b.s, { positive = false }).positive, false, "positive = false")
t.is(evaluate(b.t, b.s, { positive = "false" }).positive, false, "positive = \"false\"")

-- ---- thresholds -----------------------------------------------------------------------------

local e3 = ev:threshold(0.3)
t.is(getmetatable(e3).__name, "lunette.Evaluation", "threshold(t): an Evaluation")
t.is(e3.threshold, 0.3, "threshold(t): its threshold")
t.near(e3.recall, 1, 0, "threshold(0.3): recall")
t.near(e3.precision, 0.625, TOL, "threshold(0.3): precision")
t.near(e3.auc, ev.auc, 0, "threshold(t): the same AUC")
t.is(ev.threshold, 0.5, "threshold(t) leaves ev as it was")
t.near(evaluate(small.y, small.s, { threshold = 0.3 }).f1, e3.f1, 0,
  "threshold(t) = evaluate{ threshold = t }")
local best = ev:threshold{ maximize = "f1" }
t.is(best.threshold, 0.3, "maximize f1: 0.3 (F1 0.769)")
t.ok(tostring(best):find("threshold 0.3: a score >= 0.3 predicts 'Yes'\n  chosen: maximizes " ..
  "F1 (0.7692)", 1, true), "maximize f1: the printout says why")
t.is(ev:threshold{ maximize = "accuracy" }.threshold, 0.7, "maximize accuracy: 0.7 (0.8)")
t.is(ev:threshold{ maximize = "youden" }.threshold, 0.7, "maximize youden: 0.7 (J = 0.6)")
t.ok(tostring(ev:threshold{ maximize = "youden" }):find("maximizes Youden's J = recall + " ..
  "specificity - 1 (0.6000)", 1, true), "youden: why")
for _, goal in ipairs{ "balanced_accuracy", "mcc", "kappa" } do
  t.is(ev:threshold{ maximize = goal }.threshold, 0.7, "maximize " .. goal .. ": 0.7")
end
local p8 = ev:threshold{ precision = 0.8 }
t.is(p8.threshold, 0.7, "precision >= 0.8: the lowest such threshold")
t.ok(tostring(p8):find("chosen: the lowest threshold with precision >= 0.8 (precision " ..
  "1.0000, recall 0.6000)", 1, true), "precision target: why")
local r8 = ev:threshold{ recall = 0.8 }
t.is(r8.threshold, 0.5, "recall >= 0.8: the highest such threshold")
t.ok(tostring(r8):find("the highest threshold with recall >= 0.8 (recall 0.8000, precision " ..
  "0.6667)", 1, true), "recall target: why")
local c15 = ev:threshold{ cost = { fp = 1, fn = 5 } }
t.is(c15.threshold, 0.3, "cost fp 1, fn 5: 0.3 (3 FP, 0 FN)")
t.ok(tostring(c15):find("chosen: minimizes the cost 1 x FP + 5 x FN = 3 (3 FP, 0 FN)", 1, true),
  "cost: why")
t.is(ev:threshold{ cost = { fp = 5, fn = 1 } }.threshold, 0.7, "cost fp 5, fn 1: 0.7")
t.raises(function() ev:threshold{ precision = 1.5 } end,
  "option 'precision': a target in [0, 1] expected", "precision target out of range")
t.raises(function() ev:threshold{ maximize = "f2" } end,
  "option 'maximize': \"f1\", \"accuracy\", \"balanced_accuracy\", \"mcc\", \"kappa\" or " ..
  "\"youden\" expected, got 'f2'", "unknown goal")
t.raises(function() ev:threshold{ maximize = "f1", recall = 0.5 } end,
  "give exactly one of maximize, precision, recall or cost", "two goals")
t.raises(function() ev:threshold{} end, "give exactly one of maximize, precision, recall or cost",
  "no goal")
t.raises(function() ev:threshold{ maximise = "f1" } end,
  "unknown option 'maximise'; did you mean 'maximize'?", "misspelt goal")
t.raises(function() ev:threshold{ cost = { fp = -1 } } end, "fp and fn must be >= 0",
  "negative cost")
t.raises(function() ev:threshold{ cost = { fp = 1, tp = 2 } } end, "unknown option 'tp'",
  "unknown cost key")
t.raises(function() ev:threshold(0 / 0) end, "a threshold expected, got NaN", "NaN threshold")
t.raises(function() ev:threshold("high") end, "number or table", "a string threshold")
t.raises(function() local x = ev.threshold; x(1) end, "attempt to call a number value",
  "numbers stay uncallable with anything but an evaluation")
t.is(ev:threshold(math.huge).recall, 0, "threshold inf: nothing predicted positive")

-- ---- confusion matrices --------------------------------------------------------------------

local cm = ev:confusion()
t.is(getmetatable(cm).__name, "lunette.Confusion", "confusion: a Confusion")
t.same(cm:labels(), { "No", "Yes" }, "binary confusion: negative, positive")
local mx = cm:matrix()
t.same(mx[1], { 3, 2 }, "confusion row No: 3 TN, 2 FP")
t.same(mx[2], { 1, 4 }, "confusion row Yes: 1 FN, 4 TP")
t.is(math.type(mx[1][1]), "integer", "counts are integers")
t.same(lines(tostring(cm)), {
  "Confusion matrix at threshold 0.5, positive 'Yes'",
  "  truth \\ predicted No Yes",
  "  No                 3   2",
  "  Yes                1   4",
}, "confusion printout")
local c3 = ev:confusion{ threshold = 0.3 }:matrix()
t.same({ c3[1][1], c3[1][2], c3[2][1], c3[2][2] }, { 2, 3, 0, 5 }, "confusion at 0.3")
local nt = ev:confusion{ normalize = "true" }:matrix()
t.same({ nt[1][1], nt[1][2], nt[2][1], nt[2][2] }, { 0.6, 0.4, 0.2, 0.8 },
  "normalize true: rows sum to 1")
local np = ev:confusion{ normalize = "pred" }:matrix()
t.near(np[1][1], 0.75, TOL, "normalize pred: 3 of the 4 predicted No")
t.near(np[2][2], 4 / 6, TOL, "normalize pred: 4 of the 6 predicted Yes")
local na = ev:confusion{ normalize = "all" }
t.same(na:matrix()[2], { 0.1, 0.4 }, "normalize all")
t.same(lines(tostring(na)), {
  "Confusion matrix at threshold 0.5, positive 'Yes'",
  'share of all rows (normalize = "all")',
  "  truth \\ predicted     No    Yes",
  "  No                0.3000 0.2000",
  "  Yes               0.1000 0.4000",
}, "normalized confusion printout")
t.raises(function() ev:confusion{ normalize = "rows" } end,
  "option 'normalize': \"none\", \"true\", \"pred\" or \"all\" expected, got 'rows'",
  "bad normalize")
t.raises(function() ev:confusion{ treshold = 0.2 } end,
  "unknown option 'treshold'; did you mean 'threshold'?", "misspelt confusion option")

-- per_class
local pc = ev:per_class()
t.same(pc:names(), { "class", "precision", "recall", "f1", "support" }, "per_class: columns")
t.same(pc.class:to_table(), { "No", "Yes" }, "per_class: binary classes")
t.same(pc.support:to_table(), { 5, 5 }, "per_class: support")
t.near(pc.precision:to_table()[1], 0.75, TOL, "per_class: precision of No")
t.near(pc.recall:to_table()[2], 0.8, TOL, "per_class: recall of Yes")

-- ---- curves -----------------------------------------------------------------------------------

local roc = ev:roc()
t.is(getmetatable(roc).__name, "lunette.Curve", "roc: a Curve")
t.is(roc.kind, "roc", "roc: kind")
t.is(#roc, 8, "roc: 8 points (sklearn's roc_curve, intermediate points dropped)")
local rf = roc:frame()
t.same(rf:names(), { "threshold", "fpr", "tpr" }, "roc: columns")
t.same(rf.fpr:to_table(), { 0, 0, 0, 0.2, 0.4, 0.6, 0.6, 1 }, "roc: fpr as roc_curve")
t.same(rf.tpr:to_table(), { 0, 0.2, 0.6, 0.6, 0.8, 0.8, 1, 1 }, "roc: tpr as roc_curve")
t.is(rf.threshold:to_table()[1], math.huge, "roc: starts at threshold inf")
t.is(#ev:roc{ drop_intermediate = false }, 10, "roc: all 10 points without dropping")
t.is(lines(tostring(roc))[1], 'ROC curve of "small": 8 points, AUC 0.8200', "roc: summary line")
t.is(lines(tostring(roc))[2], "  threshold   fpr   tpr", "roc: then the frame")
local pr = ev:pr()
t.is(pr.kind, "pr", "pr: kind")
t.same(pr:frame().recall:to_table(), { 1, 1, 1, 0.8, 0.8, 0.6, 0.6, 0.4, 0.2, 0 },
  "pr: recall as precision_recall_curve")
t.is(lines(tostring(pr))[1], 'Precision-recall curve of "small": 10 points, AP 0.8583, ' ..
  "prevalence 0.5000", "pr: summary line")
local cal = ev:calibration{ bins = 2 }
t.is(cal.kind, "calibration", "calibration: kind")
local cf = cal:frame()
t.near(cf.mean_predicted:to_table()[1], 1 / 3, TOL, "calibration: mean predicted, bin 1")
t.near(cf.fraction_positive:to_table()[2], 0.75, TOL, "calibration: fraction positive, bin 2")
t.is(lines(tostring(cal))[1], 'Calibration curve of "small": 2 non-empty of 2 uniform bins, ' ..
  "Brier score 0.1700", "calibration: summary line")
t.is(#ev:calibration(), 9, "calibration: 10 bins, 9 non-empty (as calibration_curve)")
t.is(#ev:calibration{ bins = 2, strategy = "quantile" }, 2, "calibration: quantile bins")
t.raises(function() ev:calibration{ bins = 0 } end, "option 'bins': 1 to 100000 expected",
  "calibration: 0 bins")
t.raises(function() ev:calibration{ strategy = "equal" } end,
  "option 'strategy': \"uniform\" or \"quantile\" expected, got 'equal'", "calibration: strategy")
local gain = ev:gain()
t.is(gain.kind, "gain", "gain: kind")
t.same(gain:frame():names(), { "threshold", "tested", "found", "lift" }, "gain: columns")
t.is(#gain, 10, "gain: a point per distinct score and the origin")
t.is(ev:lift().kind, "lift", "lift: kind")
t.is(#ev:lift(), #gain, "lift: the points of the gain curve")
local tc = ev:threshold_curve()
t.is(tc.kind, "threshold", "threshold_curve: kind")
t.same(tc:frame():names(), { "threshold", "precision", "recall", "f1", "predicted" },
  "threshold_curve: columns")
t.is(lines(tostring(tc))[1], 'Threshold curve of "small": 9 thresholds, the evaluation\'s at 0.5',
  "threshold_curve: summary line")
t.raises(function() return roc.knd end, "curve: no field or method 'knd'", "curve: bad field")

-- ---- confidence intervals ---------------------------------------------------------------------

local ci = ev:ci()
t.is(getmetatable(ci).__name, "lunette.Interval", "ci: an Interval")
t.is(ci.metric, "auc", "ci: the AUC by default")
t.is(ci.method, "delong", "ci: DeLong for the AUC")
t.near(ci.estimate, 0.82, TOL, "ci: the estimate is the AUC")
t.is(ci.level, 0.95, "ci: level 0.95")
t.is(ci.n, 10, "ci: n rows")
t.ok(ci.lo < ci.estimate and ci.estimate < ci.hi, "ci: lo < auc < hi")
-- DeLong by hand: placements of the 5 positives (0.9 0.8 0.3 0.7 0.5) among the
-- 5 negatives (0.1 0.4 0.6 0.2 0.5) and the other way round
local v10 = { 1, 1, 0.4, 1, 0.7 }
local v01 = { 1, 0.8, 0.6, 1, 0.7 }
local function var(v)
  local m, s = 0, 0
  for _, x in ipairs(v) do m = m + x / #v end
  for _, x in ipairs(v) do s = s + (x - m) ^ 2 end
  return s / (#v - 1)
end
local se = math.sqrt(var(v10) / 5 + var(v01) / 5)
t.near(ci.se, se, 1e-12, "ci: DeLong's standard error")
t.near(ci.hi, math.min(1, 0.82 + 1.959963984540054 * se), 1e-9, "ci: hi = auc + z se, clipped")
t.near(ci.lo, 0.82 - 1.959963984540054 * se, 1e-9, "ci: lo = auc - z se")
t.is(tostring(ci), string.format("AUC 0.8200  95%% CI %.4f-%.4f (DeLong)", ci.lo, ci.hi),
  "ci: tostring")
local ci90 = ev:ci{ "auc", level = 0.9 }
t.ok(ci90.hi - ci90.lo < ci.hi - ci.lo, "ci: a 90% interval is narrower")
local bf1 = ev:ci{ "f1", n = 200, seed = 7 }
t.is(bf1.method, "bootstrap", "ci f1: the bootstrap")
t.is(bf1.resamples, 200, "ci f1: resamples")
t.near(bf1.estimate, ev.f1, TOL, "ci f1: the estimate is the F1 at the threshold")
t.ok(bf1.lo <= bf1.estimate and bf1.estimate <= bf1.hi, "ci f1: lo <= f1 <= hi")
local again = ev:ci{ "f1", n = 200, seed = 7 }
t.ok(again.lo == bf1.lo and again.hi == bf1.hi, "ci: the same seed, the same interval")
t.ok(tostring(bf1):find("^F1 0%.7273  95%% CI [%d.]+%-[%d.]+ %(bootstrap, 200 stratified " ..
  "resamples%)$"), "ci bootstrap: tostring")
local bauc = ev:ci{ "auc", method = "bootstrap", n = 100 }
t.is(bauc.method, "bootstrap", "ci auc by bootstrap")
t.raises(function() ev:ci{ "f1", method = "delong" } end,
  "method \"delong\" is for the AUC; use method = \"bootstrap\" for f1", "delong for f1")
t.raises(function() ev:ci{ "f2" } end, "unknown metric 'f2'; did you mean 'f1'?", "unknown metric")
t.raises(function() ev:ci{ "auc", levl = 0.9 } end,
  "unknown option 'levl'; did you mean 'level'?", "ci: misspelt option")
t.raises(function() ev:ci{ "auc", level = 95 } end, "option 'level': between 0 and 1 expected",
  "ci: level in percent")
t.raises(function() ev:ci{ "auc", method = "bootstrap", n = 1 } end,
  "option 'n': 2 to 10000000 resamples expected", "ci: one resample")

-- ---- single class, scores outside [0, 1], empty ------------------------------------------

local one = frame{ t = { "No", "No", "No" }, s = { 0.2, 0.4, 0.1 } }
local e1 = evaluate(one.t, one.s)
t.raises(function() return e1.auc end, "evaluation: AUC is undefined: truth has only one " ..
  "class ('No'); it needs both", "single class: auc raises")
t.ok(tostring(e1):find("  auc                  n/a  truth has only one class ('No'); it needs " ..
  "both", 1, true), "single class: the printout shows n/a and why")
t.ok(tostring(e1):find("positive class 'No' (default: the only label), no other class in truth",
  1, true), "single class: the positive class is the only one")
t.raises(function() e1:ci() end, "ci: AUC is undefined: truth has only one class", "single class: ci")
t.near(e1.accuracy, 0, 0, "single class: accuracy still works (no score reaches 0.5)")
t.raises(function() evaluate(one.t, one.s, { positive = "Yes" }) end,
  "evaluate: positive = 'Yes' is not a class of truth; classes: 'No'", "unknown positive")
local neg = frame{ t = { "Yes", "No", "Yes", "No" }, s = { 2.5, -1, 0.5, 0.25 } }
local en = evaluate(neg.t, neg.s)
t.near(en.auc, 1, 0, "scores outside [0, 1]: the AUC works")
t.raises(function() return en.log_loss end,
  "evaluation: log loss is undefined: scores outside [0, 1]: -1 to 2.5", "log_loss raises")
t.raises(function() return en.brier end, "evaluation: Brier score is undefined", "brier raises")
t.raises(function() en:calibration() end, "calibration: scores outside [0, 1]: -1 to 2.5",
  "calibration raises")
t.ok(tostring(en):find("  log_loss             n/a  scores outside [0, 1]: -1 to 2.5", 1, true),
  "the printout notes it")
t.raises(function() en:ci{ "brier" } end, "ci: Brier score is undefined", "ci of brier raises")

-- ---- errors of evaluate ------------------------------------------------------------------------

local three = frame{ t = { "a", "b", "c", "a" }, s = { 0.1, 0.2, 0.3, 0.4 } }
t.raises(function() evaluate(three.t, three.s) end,
  "evaluate: truth has 3 classes ('a', 'b', 'c'); binary scores need 2", "3 classes for binary")
t.raises(function() evaluate(small.y, frame{ s = { 0.5, 0.5 } }.s) end,
  "evaluate: truth has 12 rows and x 2; expected the same length", "length mismatch")
t.raises(function() evaluate(small.y, small.s, { positive = "yes" }) end,
  "evaluate: positive = 'yes' is not a class of truth; classes: 'No', 'Yes'", "positive yes")
t.raises(function() evaluate(small.y, small.s, { positive = 0.5 }) end,
  "option 'positive': 0.5 is no class label", "positive 0.5")
t.raises(function() evaluate(small.y, small.s, { positive = {} }) end,
  "option 'positive': a class label (string, number or boolean) expected, got table",
  "positive table")
local allna = frame{ t = { "a", NA }, s = { NA, 0.5 } }
t.raises(function() evaluate(allna.t, allna.s) end,
  "evaluate: no rows left: each of the 2 rows misses its truth or its score", "empty after dropping")
t.raises(function() evaluate(frame{ t = { NA, NA } }.t:astype("str"), allna.s) end,
  "evaluate: truth has no values (2 rows, all missing)", "all truth missing")
t.raises(function() evaluate(frame{ t = {} }.t:astype("str"), frame{ s = {} }.s:astype("f64")) end,
  "evaluate: truth has no rows", "no rows")
t.raises(function() evaluate(small.y, small.s, { threshold = 0 / 0 }) end,
  "option 'threshold': a number expected, got NaN", "NaN threshold")
t.raises(function() evaluate(small.y, small.s, { type = "binomial" }) end,
  "option 'type': \"auto\", \"binary\", \"multiclass\" or \"regression\" expected, got " ..
  "'binomial'", "bad type")
t.raises(function() evaluate(small.y, small.s, { postive = "Yes" }) end,
  "unknown option 'postive'; did you mean 'positive'?", "misspelt option")
t.raises(function() evaluate(small.y) end, "bad argument #2 to 'evaluate' (Column of scores " ..
  "or predictions, or Frame of class probabilities expected, got no value)", "no x")
t.raises(function() evaluate({ 1, 0 }, small.s) end,
  "bad argument #1 to 'evaluate' (Column of the truth expected, got table)", "truth a table")
local dates = frame{ d = { "2024-01-01", "2024-01-02" } }.d:astype("date")
t.raises(function() evaluate(dates, frame{ s = { 0.1, 0.2 } }.s) end,
  "truth is a date column; expected class labels or numbers", "date truth")
t.raises(function() evaluate(frame{ s = { "a", "b" } }.s, dates) end,
  "a date column; expected scores, class predictions or numbers", "date x")
t.raises(function() evaluate(frame{ y = { 0.5, 1 } }.y, frame{ p = { "a", "b" } }.p) end,
  "evaluate: truth is a number column with fractional values (0.5 at row 1); expected class " ..
  "labels", "fractional truth with class predictions")
t.raises(function() evaluate(small.y, small.s, { type = "regression" }) end,
  "a regression needs numbers; got truth str and x f64", "regression of strings")
t.raises(function() evaluate(small.y, frame{ p = { "a", "b", "a", "b", "a", "b", "a", "b", "a",
  "b", "a", "b" } }.p, { type = "binary" }) end, "binary scores must be numbers; got a str column",
  "binary of strings")
t.raises(function() evaluate(three.t, three.s:astype("str"), { threshold = 0.3 }) end,
  "option 'threshold' applies to binary scores; this is a multiclass evaluation",
  "threshold of a multiclass")
t.raises(function() evaluate(frame{ y = { 1.5, 2 } }.y, frame{ y = { 1, 2 } }.y,
  { positive = 1 }) end, "option 'positive' applies to classes; this is a regression",
  "positive of a regression")
t.raises(function() evaluate(frame{ y = { 1.5, 2 } }.y, frame{ y = { 1, math.huge } }.y) end,
  "evaluate: the prediction is infinite at row 2; expected finite numbers", "infinite prediction")

-- ---- multiclass: class predictions ----------------------------------------------------------------

local mc = frame{ t = { "a", "b", "c", "a", "b", "c", "a", NA },
                  p = { "a", "b", "b", "a", "c", "c", "b", "a" } }
local em = evaluate(mc.t, mc.p)
t.is(em.type, "multiclass", "str predictions: multiclass")
t.is(em.n, 7, "multiclass: n")
t.is(em.dropped, 1, "multiclass: dropped")
t.same(em.classes, { "a", "b", "c" }, "multiclass: classes")
t.near(em.accuracy, 0.5714285714285714, TOL, "multiclass: accuracy")
t.near(em.balanced_accuracy, 0.5555555555555555, TOL, "multiclass: balanced_accuracy")
t.near(em.kappa, 0.36363636363636365, TOL, "multiclass: kappa")
t.near(em.mcc, 0.375, TOL, "multiclass: mcc")
t.near(em.macro_precision, 0.611111111111111, TOL, "multiclass: macro_precision")
t.near(em.macro_recall, 0.5555555555555555, TOL, "multiclass: macro_recall")
t.near(em.macro_f1, 0.5666666666666668, TOL, "multiclass: macro_f1")
t.near(em.micro_f1, 0.5714285714285714, TOL, "multiclass: micro_f1")
t.near(em.weighted_precision, 0.6666666666666666, TOL, "multiclass: weighted_precision")
t.near(em.weighted_recall, 0.5714285714285714, TOL, "multiclass: weighted_recall")
t.near(em.weighted_f1, 0.6, TOL, "multiclass: weighted_f1")
t.raises(function() return em.log_loss end, "evaluation: log_loss needs class probabilities",
  "multiclass: log_loss without probabilities")
t.raises(function() return em.precision end,
  "evaluation: precision is a metric of one positive class, and these are 3 classes",
  "multiclass: precision of 3 classes")
t.is(em.positive, nil, "multiclass of 3: no positive class")
t.raises(function() return em.auc end, "'auc' is a field of binary evaluations; this one is " ..
  "multiclass", "multiclass: auc")
t.is(type(em.threshold), "function", "multiclass: threshold is the method")
t.same(lines(tostring(em)), {
  "Multiclass evaluation of 7 rows (1 dropped: missing truth or prediction)",
  "3 classes: 'a', 'b', 'c' (class predictions)",
  "",
  "  metric              value",
  "  accuracy           0.5714  share of rows predicted right",
  "  balanced_accuracy  0.5556  mean recall of the classes",
  "  kappa              0.3636  Cohen's kappa: agreement beyond chance",
  "  mcc                0.3750  Matthews correlation (multiclass)",
  "  macro_precision    0.6111  mean precision of the classes",
  "  macro_recall       0.5556  mean recall of the classes",
  "  macro_f1           0.5667  mean F1 of the classes",
  "  micro_f1           0.5714  F1 of the pooled counts",
  "  weighted_precision 0.6667  precision averaged by support",
  "  weighted_recall    0.5714  recall averaged by support",
  "  weighted_f1        0.6000  F1 averaged by support",
  "",
  "  class precision recall     f1 support",
  "  a        1.0000 0.6667 0.8000       3",
  "  b        0.3333 0.5000 0.4000       2",
  "  c        0.5000 0.5000 0.5000       2",
}, "multiclass printout")
local mcm = em:confusion()
t.same(mcm:labels(), { "a", "b", "c" }, "multiclass confusion: labels")
local mm = mcm:matrix()
t.same(mm[1], { 2, 1, 0 }, "multiclass confusion: row a")
t.same(mm[2], { 0, 1, 1 }, "multiclass confusion: row b")
t.same(mm[3], { 0, 1, 1 }, "multiclass confusion: row c")
t.same(lines(tostring(mcm)), {
  "Confusion matrix",
  "  truth \\ predicted a b c",
  "  a                 2 1 0",
  "  b                 0 1 1",
  "  c                 0 1 1",
}, "multiclass confusion printout")
-- many classes: the columns that fit the width, and a note
local tt, pp = {}, {}
for i = 1, 300 do tt[i] = "class_" .. (i % 25); pp[i] = "class_" .. ((i * 7) % 25) end
local big = evaluate(frame{ t = tt }.t, frame{ p = pp }.p):confusion()
local bl = lines(tostring(big))
t.is(bl[#bl], "# 25 of 25 rows, 7 of 25 columns shown; cm:matrix() has them all",
  "25 classes: the columns that fit 80 cells")
local widest = 0
for _, l in ipairs(bl) do widest = math.max(widest, utf8.len(l)) end
t.ok(widest <= 80, "25 classes: every line fits 80 cells")
t.is(#big:matrix()[1], 25, "25 classes: matrix() has them all")
local mpc = em:per_class()
t.same(mpc.support:to_table(), { 3, 2, 2 }, "multiclass per_class: support")
t.same(mpc.f1:to_table(), { 0.8, 0.4, 0.5 }, "multiclass per_class: f1")
t.raises(function() em:confusion{ threshold = 0.3 } end,
  "option 'threshold' applies to binary scores", "multiclass confusion with a threshold")
for _, method in ipairs{ "roc", "pr", "calibration", "gain", "lift", "threshold_curve", "ci" } do
  t.raises(function() em[method](em) end, method .. ": needs binary scores; this evaluation is " ..
    "multiclass", "multiclass: " .. method)
end
t.raises(function() em:threshold{ maximize = "f1" } end,
  "threshold: needs binary scores; this evaluation is multiclass", "multiclass: threshold{}")

-- integer classes sort as numbers; predictions of another type match by text
local ic = frame{ t = { 10, 2, 2, 10, 1 }, p = { "10", "2", "1", "2", "1" } }
local ei = evaluate(ic.t, ic.p)
t.same(ei.classes, { 1, 2, 10 }, "integer classes: sorted 1 < 2 < 10, as integers")
t.near(ei.accuracy, 0.6, TOL, "integer truth vs string predictions: matched by text")
t.raises(function() evaluate(ic.t, ic.p, { positive = 2 }) end,
  "positive = '2' applies to two classes; these are 3", "positive with 3 classes")

-- two classes: also the positive class's binary metrics
local two = frame{ t = { "x", "y", "x", "y" }, p = { "x", "y", "y", "y" } }
local e2 = evaluate(two.t, two.p)
t.is(e2.type, "multiclass", "two classes of predictions: multiclass")
t.is(e2.positive, "y", "two classes: positive 'y' reads as yes")
t.is(e2.negative, "x", "two classes: negative")
t.near(e2.precision, 2 / 3, TOL, "two classes: precision of y")
t.near(e2.recall, 1, 0, "two classes: recall of y")
t.near(e2.specificity, 0.5, 0, "two classes: specificity")
t.near(e2.f1, 0.8, TOL, "two classes: f1")
t.near(e2.mcc, 0.5773502691896258, TOL, "two classes: mcc")
t.ok(tostring(e2):find("positive class 'y' (default: it reads as yes) for precision, recall, " ..
  "specificity, f1", 1, true), "two classes: the printout names the positive class")
t.near(evaluate(two.t, two.p, { positive = "x" }).precision, 1, 0, "two classes: positive x")
t.raises(function() evaluate(two.t, two.p, { positive = "z" }) end,
  "evaluate: positive = 'z' is not a class; classes: 'x', 'y'", "two classes: unknown positive")
local bp = frame{ t = { true, false, true }, p = { true, true, true } }
t.is(evaluate(bp.t, bp.p).type, "multiclass", "bool predictions: multiclass")
t.is(evaluate(bp.t, bp.p).positive, true, "bool predictions: positive true")
t.is(evaluate(bp.t, bp.p:astype("f64"), { type = "binary" }).type, "binary",
  "type = binary: hard 0/1 scores")
t.is(evaluate(ic.t, ic.p:astype("i64"), { type = "multiclass" }).type, "multiclass",
  "type = multiclass: integer predictions")

-- ---- multiclass: class probabilities --------------------------------------------------------

local probs = frame({ b = { 0.2, 0.5, 0.3, 0.3, 0.1 }, a = { 0.7, 0.2, 0.1, 0.3, NA },
                      c = { 0.1, 0.3, 0.6, 0.4, 0.2 } }, { names = { "b", "a", "c" } })
local pt = frame{ t = { "a", "b", "c", "a", "b" } }.t
local ep = evaluate(pt, probs)
t.is(ep.type, "multiclass", "a frame of probabilities: multiclass")
t.is(ep.n, 4, "probabilities: a row with a missing probability is dropped")
t.is(ep.dropped, 1, "probabilities: dropped")
t.same(ep.classes, { "a", "b", "c" }, "probabilities: classes sorted, whatever the column order")
t.near(ep.log_loss, 0.6911551381476511, TOL, "probabilities: log_loss (sklearn log_loss)")
t.near(ep.accuracy, 0.75, TOL, "probabilities: the most probable class is predicted")
t.near(ep.kappa, 0.6363636363636364, TOL, "probabilities: kappa")
t.near(ep.mcc, 0.7, TOL, "probabilities: mcc")
local ties = frame({ b = { 0.5 }, a = { 0.5 } }, { names = { "b", "a" } })
t.same(evaluate(frame{ t = { "a" } }.t, ties):confusion():matrix()[1], { 0, 1 },
  "probabilities: a tie goes to the first column (b)")
t.ok(tostring(ep):find("3 classes: 'a', 'b', 'c' (from class probabilities: the most probable " ..
  "is predicted)", 1, true), "probabilities: the printout says so")
t.ok(tostring(ep):find("  log_loss           0.6912", 1, true), "probabilities: log loss printed")
t.raises(function() evaluate(pt, probs:select("a", "b")) end,
  "evaluate: truth class 'c' has no column in the frame of class probabilities; its columns: " ..
  "'a', 'b'", "a truth class without its column")
t.raises(function() evaluate(pt, frame{ a = { 1, 1, 1, 1, 1 } }) end,
  "needs a column per class (2 or more)", "one column")
t.raises(function() evaluate(pt, probs:cbind(frame{ d = { "x", "x", "x", "x", "x" } })) end,
  "column 'd' is str; expected probabilities (numbers)", "a str column of probabilities")
t.raises(function() evaluate(pt, probs, { type = "binary" }) end,
  "a frame of class probabilities makes a multiclass evaluation, not binary", "frame as binary")
t.raises(function() evaluate(pt, probs:head(3)) end,
  "truth has 5 rows and the probability frame 3", "frame length")
local bad = frame{ a = { 1.5, 0 }, b = { 0, 1 } }
local eb = evaluate(frame{ t = { "a", "b" } }.t, bad)
t.near(eb.accuracy, 1, 0, "probabilities outside [0, 1]: the classes still count")
t.raises(function() return eb.log_loss end, "evaluation: log loss is undefined:",
  "probabilities outside [0, 1]: log_loss raises")

-- ---- regression ------------------------------------------------------------------------------------

local reg = frame{ y = { 1.5, 2, 3, 4, NA }, f = { 1, 2.5, 2.5, 4.5, 3 } }
local er = evaluate(reg.y, reg.f)
t.is(er.type, "regression", "numbers: regression")
t.is(er.n, 4, "regression: n")
t.is(er.dropped, 1, "regression: dropped")
t.near(er.mae, 0.5, TOL, "regression: mae")
t.near(er.mse, 0.25, TOL, "regression: mse")
t.near(er.rmse, 0.5, TOL, "regression: rmse")
t.near(er.r2, 0.728813559322034, TOL, "regression: r2")
t.near(er.explained_variance, 0.728813559322034, TOL, "regression: explained_variance")
t.near(er.mape, 21.874999999999996, 1e-12, "regression: mape in percent")
t.near(er.median_ae, 0.5, TOL, "regression: median_ae")
t.near(er.max_error, 0.5, TOL, "regression: max_error")
t.near(er.mean_error, 0, TOL, "regression: mean_error")
t.ok(er.smape > 0, "regression: smape")
t.same(lines(tostring(er)), {
  "Regression evaluation of 4 rows (1 dropped: missing truth or prediction)",
  "",
  "  metric               value",
  "  mae                 0.5000  mean absolute error",
  "  rmse                0.5000  root mean squared error",
  "  mse                 0.2500  mean squared error",
  "  mape               21.8750  mean absolute percentage error (%)",
  string.format("  smape              %.4f  symmetric MAPE (%%)", er.smape),
  "  r2                  0.7288  coefficient of determination",
  "  explained_variance  0.7288  1 - var(residuals) / var(truth)",
  "  median_ae           0.5000  median absolute error",
  "  max_error           0.5000  largest absolute error",
  "  mean_error          0.0000  mean of prediction - truth (bias)",
}, "regression printout")
t.raises(function() return er.auc end, "'auc' is a field of binary evaluations; this one is " ..
  "regression", "regression: auc")
t.raises(function() er:confusion() end, "confusion: needs a classification; this evaluation " ..
  "is a regression", "regression: confusion")
t.raises(function() er:per_class() end, "per_class: needs a classification", "regression: per_class")
local zero = evaluate(frame{ y = { 0, 2 } }.y, frame{ f = { 1, 2 } }.f)
t.raises(function() return zero.mape end, "evaluation: mape is undefined: truth is 0 on 1 row",
  "mape with a zero truth raises")
t.ok(tostring(zero):find("\n  mape                    n/a  truth is 0 on 1 row\n", 1, true),
  "mape with a zero truth: n/a in the printout")
t.is(evaluate(frame{ y = { 0, 1, 2 } }.y, frame{ f = { 0.5, 1, 2 } }.f).type, "regression",
  "numeric truth beyond 0/1: regression")
t.is(evaluate(i01.t, i01.s, { type = "regression" }).type, "regression",
  "type = regression on a 0/1 truth")

-- ---- compare ---------------------------------------------------------------------------------------

local other = frame{ s = { 0.6, 0.2, 0.7, 0.1, 0.3, 0.65, 0.5, 0.4, 0.9, 0.5, NA, 0.35 } }
local ea = evaluate(small.y, small.s, { name = "A" })
local eo = evaluate(small.y, other.s, { name = "B" })
t.is(eo.n, 10, "compare: the second model keeps the same 10 rows")
local cmp = compare(ea, eo)
t.is(getmetatable(cmp).__name, "lunette.Comparison", "compare: a Comparison")
local cf2 = cmp:frame()
t.same(cf2:names(), { "metric", "A", "B" }, "compare: a column per evaluation, by name")
t.is(cf2.metric:to_table()[1], "auc", "compare: metric rows")
t.is(cf2.metric:to_table()[#cf2], "n", "compare: n last")
t.near(cf2.B:to_table()[1], eo.auc, 0, "compare: B's auc")
t.near(cmp.diff, ea.auc - eo.auc, 1e-12, "compare: diff = AUC A - AUC B")
t.near(cmp.auc1, ea.auc, 1e-12, "compare: auc1")
t.ok(cmp.p_value > 0 and cmp.p_value <= 1, "compare: a p value")
t.near(cmp.z, cmp.diff / cmp.se, 1e-12, "compare: z = diff / se")
t.is(cmp.note, nil, "compare: no note when tested")
local ctext = lines(tostring(cmp))
t.is(ctext[1], "Comparison of 2 evaluations", "compare printout: title")
t.is(ctext[3], "  metric                 A      B", "compare printout: header")
t.is(ctext[#ctext - 1], "DeLong test of the AUC difference (paired, on the same 10 rows):",
  "compare printout: the test")
t.is(ctext[#ctext], string.format("  AUC A - AUC B = %.4f (se %.4f), z = %.3f, p = %.4f",
  cmp.diff, cmp.se, cmp.z, cmp.p_value), "compare printout: the test's numbers")
t.raises(function() return cmp.pvalue end, "comparison: no field or method 'pvalue'",
  "compare: bad field")
local cmp3 = compare(ea, eo, ea:threshold(0.3))
t.same(cmp3:frame():names(), { "metric", "A", "B", "A (2)" }, "compare: names made distinct")
t.is(cmp3.diff, nil, "compare of three: no test")
t.ok(cmp3.note:find("compares two evaluations", 1, true), "compare of three: a note")
local unnamed = compare(evaluate(small.y, small.s), evaluate(small.y, other.s))
t.same(unnamed:frame():names(), { "metric", "model 1", "model 2" }, "compare: model 1, model 2")
local diffrows = compare(ea, evaluate(small:head(6).y, small:head(6).s))
t.is(diffrows.diff, nil, "compare of other rows: no test")
t.is(diffrows.note, "No DeLong test of the AUC difference: it needs the same rows (the same n " ..
  "and truth), and these have 10 and 6 rows.", "compare of other rows: the note")
t.ok(tostring(diffrows):find("No DeLong test", 1, true), "compare of other rows: printed")
t.ok(compare(ea, ea:threshold(0.3)).note:find("rank the rows identically", 1, true),
  "compare of the same scores: no variance, a note")
local cm2 = compare(em, evaluate(mc.t, mc.t))
t.near(cm2:frame()["model 2"]:to_table()[1], 1, 0, "compare multiclass: perfect accuracy")
t.is(cm2.note, nil, "compare multiclass: no test, no note")
t.raises(function() compare(ea, er) end, "a regression evaluation; evaluation 1 is binary",
  "compare of two kinds")
t.raises(function() compare(ea) end, "compare: two or more evaluations expected, got 1",
  "compare of one")
t.raises(function() compare(ea, 1) end, "bad argument #2 to 'compare'", "compare of a number")

-- ---- plots -----------------------------------------------------------------------------------------

local function kinds(fig)
  local k = {}
  for i, l in ipairs(fig:layers()) do k[i] = l.kind end
  return table.concat(k, ",")
end
for name, obj in pairs{ binary = ev, multiclass = em, probabilities = ep, regression = er,
                        confusion = cm, normalized = na, mconfusion = mcm, roc = roc, pr = pr,
                        calibration = cal, gain = gain, lift = ev:lift(), threshold = tc,
                        comparison = cmp } do
  local ok, fig = pcall(plotted, obj)
  t.ok(ok and is_figure(fig), "plot(" .. name .. ") returns a Figure")
  if not ok then print("# " .. tostring(fig)) end
end
t.ok(kinds(plotted(em)):find("heatmap", 1, true), "plot(multiclass): a heatmap")
t.ok(kinds(plotted(cm)):find("heatmap", 1, true), "plot(confusion): a heatmap")
t.is(plotted(cm):layers()[1].cmap, "blues", "plot(confusion): in the Blues colour map")
t.ok(kinds(plotted(ev)):find("line", 1, true), "plot(binary): the ROC curve")
local cl = {}
for _, l in ipairs(plotted(cmp):layers()) do
  if l.label then cl[#cl + 1] = l.label end
end
t.ok(#cl >= 2 and cl[1]:find("^A") and cl[2]:find("^B"), "plot(compare): a curve per model")
t.is(plotted(roc, { title = "mine" }):title(), "mine", "plot(curve, { title = })")
t.raises(function() plotted(cm2) end, "a comparison plots the ROC curves of binary evaluations",
  "plot(compare of multiclass)")
t.raises(function() plotted(roc, { titel = "x" }) end, "unknown option 'titel'", "plot: bad option")

-- ---- lifetimes -----------------------------------------------------------------------------------

do
  local tmp <close> = evaluate(small.y, small.s)
  local at <close> = tmp:threshold(0.2)
  t.is(at.n, 10, "a threshold evaluation works while its parent lives")
end
local parent = evaluate(small.y, small.s)
local child = parent:threshold(0.2)
getmetatable(parent).__close(parent)
getmetatable(parent).__gc(parent)   -- closing twice is fine
t.near(child.auc, 0.82, TOL, "a threshold evaluation outlives its closed parent (shared rows)")
t.raises(function() return parent.auc end, "evaluation is closed", "a closed evaluation raises")
t.is(tostring(parent), "lunette.Evaluation (closed)", "a closed evaluation prints so")
local ccm = ev:confusion()
getmetatable(ccm).__close(ccm)
t.raises(function() ccm:labels() end, "confusion matrix is closed", "a closed confusion matrix")
local cc = ev:roc()
getmetatable(cc).__gc(cc)
t.raises(function() return #cc end, "curve is closed", "a closed curve")
collectgarbage()

-- ---- the telco data ----------------------------------------------------------------------------

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local churn = read_csv(examples .. "/data/telco_churn.csv")
local rule = (churn.tenure * -0.01 + churn.monthly_charges * 0.005 + 0.3)
local et = evaluate(churn.churn, rule)
t.is(et.n, 7043, "telco: every row")
t.is(et.positive, "Yes", "telco: positive Yes")
t.ok(et.auc > 0.75 and et.auc < 0.85, "telco: a rule of tenure and charges ranks churners")
t.is(lines(tostring(et))[1], "Binary evaluation of 7,043 rows", "telco: thousands separators")
local cmt = et:confusion()
local s = 0
for _, row in ipairs(cmt:matrix()) do for _, v in ipairs(row) do s = s + v end end
t.is(s, 7043, "telco: the confusion matrix counts every row")

t.done()
