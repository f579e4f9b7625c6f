-- evaluate() end to end against scikit-learn 1.2.1 (fixtures made by
-- make_evaluate_fixtures.py): every field of binary, multiclass (class
-- predictions and class probabilities) and regression evaluations, the
-- per-class table and confusion matrices, and the ROC, precision-recall
-- and calibration curves.  Tolerance: 1e-9 relative to max(1, |want|)
-- (absolute for metrics in [0, 1]); counts exactly.
local t = require "tap"

local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")
local function fixture(name) return read_csv(refdir .. "/" .. name) end

local TOL = 1e-9
local function close(got, want)
  if got == want then return true end
  return type(got) == "number" and math.abs(got - want) <= TOL * math.max(1, math.abs(want))
end

local data = fixture("evaluate_data.csv")
local want = {}
for row in fixture("evaluate_metrics.csv"):rows() do want[row.metric] = row.value end

local function check(prefix, ev, fields)
  for _, f in ipairs(fields) do
    local w = want[prefix .. f]
    local ok, got = pcall(function() return ev[f] end)
    t.ok(ok and w and close(got, w), string.format("%s%s: %s vs sklearn %.17g", prefix, f,
      tostring(got), w or 0 / 0))
  end
end

-- ---- binary ---------------------------------------------------------------------------

local ev = evaluate(data.truth, data.score)
t.is(ev.type, "binary", "binary: kind")
t.is(ev.positive, "Yes", "binary: positive Yes")
t.is(ev.n, want["binary.n"], "binary: rows without a missing score")
t.is(ev.dropped, 12, "binary: 12 dropped")
check("binary.", ev, { "auc", "ap", "log_loss", "brier", "prevalence" })
local fields = { "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1",
                 "mcc", "kappa" }
check("binary@0.5.", ev, fields)
local e35 = ev:threshold(0.35)
check("binary@0.35.", e35, fields)
check("binary@0.35.", evaluate(data.truth, data.score, { threshold = 0.35 }), fields)
for _, th in ipairs{ 0.5, 0.35 } do
  local m = ev:confusion{ threshold = th }:matrix()
  local p = "binary@" .. th .. "."
  t.ok(m[1][1] == want[p .. "tn"] and m[1][2] == want[p .. "fp"] and m[2][1] == want[p .. "fn"]
       and m[2][2] == want[p .. "tp"], "binary confusion at " .. th .. ": confusion_matrix")
end

-- curves
local function compare_frame(got, wantf, cols, what, skip_first)
  t.is(#got, #wantf, what .. ": points")
  local g, w = got:to_table(), wantf:to_table()
  for _, c in ipairs(cols) do
    local bad
    for i = skip_first and 2 or 1, #wantf do
      local a, b = g[c][i], w[c][i]
      if not ((a == nil and b == nil) or (a and b and close(a, b))) then bad = bad or i end
    end
    t.ok(not bad, string.format("%s: %s%s", what, c,
      bad and string.format(" (row %d: %s vs %s)", bad, tostring(g[c][bad]), tostring(w[c][bad]))
      or ""))
  end
end
local roc = ev:roc():frame()
compare_frame(roc, fixture("evaluate_roc.csv"), { "fpr", "tpr" }, "roc_curve")
-- sklearn 1.2 puts max + 1 first where later versions (and lunette) put inf
compare_frame(roc, fixture("evaluate_roc.csv"), { "threshold" }, "roc_curve thresholds", true)
t.is(roc.threshold:to_table()[1], math.huge, "roc_curve: the first threshold is inf")
compare_frame(ev:roc{ drop_intermediate = false }:frame(), fixture("evaluate_roc_full.csv"),
  { "fpr", "tpr" }, "roc_curve(drop_intermediate=False)")
compare_frame(ev:pr():frame(), fixture("evaluate_pr.csv"), { "threshold", "precision", "recall" },
  "precision_recall_curve")
local cal = fixture("evaluate_calibration.csv")
for _, spec in ipairs{ { "uniform", 10 }, { "quantile", 5 } } do
  local rows = {}
  for row in cal:rows() do
    if row.strategy == spec[1] then rows[#rows + 1] = row end
  end
  local got = ev:calibration{ bins = spec[2], strategy = spec[1] }:frame():to_table()
  t.is(#got.n, #rows, "calibration_curve " .. spec[1] .. ": non-empty bins")
  local bad
  for i, row in ipairs(rows) do
    if not (close(got.fraction_positive[i], row.fraction_positive) and
            close(got.mean_predicted[i], row.mean_predicted)) then bad = bad or i end
  end
  t.ok(not bad, "calibration_curve " .. spec[1] .. ": prob_true, prob_pred" ..
    (bad and (" (bin " .. bad .. ")") or ""))
end

-- ---- multiclass: class predictions -------------------------------------------------------------

local em = evaluate(data.cls_truth, data.cls_pred)
t.is(em.type, "multiclass", "multiclass: kind")
t.is(em.n, want["multiclass.n"], "multiclass: n")
t.same(em.classes, { "high", "low", "mid" }, "multiclass: classes in sorted order")
check("multiclass.", em, { "accuracy", "balanced_accuracy", "kappa", "mcc", "macro_precision",
  "macro_recall", "macro_f1", "micro_f1", "weighted_precision", "weighted_recall",
  "weighted_f1" })
local pc = em:per_class():to_table()
local wpc = fixture("evaluate_per_class.csv"):to_table()
t.same(pc.class, wpc.class, "per_class: classes")
t.same(pc.support, wpc.support, "per_class: support")
for _, c in ipairs{ "precision", "recall", "f1" } do
  local ok = true
  for i = 1, 3 do ok = ok and close(pc[c][i], wpc[c][i]) end
  t.ok(ok, "per_class: " .. c .. " (precision_recall_fscore_support)")
end
local cm = {}
for row in fixture("evaluate_confusion.csv"):rows() do
  cm[row.normalize] = cm[row.normalize] or {}
  cm[row.normalize][#cm[row.normalize] + 1] = row.value
end
for _, norm in ipairs{ "none", "true", "pred", "all" } do
  local m = em:confusion(norm ~= "none" and { normalize = norm } or nil):matrix()
  local ok, k = true, 0
  for i = 1, 3 do
    for j = 1, 3 do
      k = k + 1
      ok = ok and close(m[i][j], cm[norm][k])
    end
  end
  t.ok(ok, "confusion_matrix(normalize = " .. norm .. ")")
end

-- ---- multiclass: class probabilities ---------------------------------------------------------

local ep = evaluate(data.cls_truth, data:select("low", "mid", "high"))
t.is(ep.n, 500, "probabilities: n")
t.near(ep.log_loss, want["proba.log_loss"], TOL, "probabilities: log_loss")
t.near(ep.accuracy, want["proba.accuracy"], TOL, "probabilities: accuracy of the argmax " ..
  "(first column on ties)")
t.near(ep.macro_f1, want["proba.macro_f1"], TOL, "probabilities: macro_f1")
t.near(ep.kappa, want["proba.kappa"], TOL, "probabilities: kappa")

-- ---- regression ----------------------------------------------------------------------------------

local er = evaluate(data.y, data.yhat)
t.is(er.type, "regression", "regression: kind")
t.is(er.n, want["regression.n"], "regression: n")
check("regression.", er, { "mae", "mse", "rmse", "mape", "smape", "r2", "explained_variance",
  "median_ae", "max_error", "mean_error" })

t.done()
