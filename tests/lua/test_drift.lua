-- Data drift through the Lua API: drift() on a small fixed pair of frames
-- (the printout, every field and method of the report and of a column,
-- each option), drift_over_time() on a small frame of events with dates
-- and on numbers, the plain functions ks_test, wasserstein, psi,
-- js_distance, chi2_test and anderson_ksamp on hand-checkable data, the
-- figures (drawn and saved as PNG), closed objects, the help examples,
-- and the error of each bad input.  Expected p-values are scipy 1.10.1's
-- where they are not written out (the reference test checks more).
local t = require "tap"

local TOL = 1e-12

local u = require "testutil"
local plotted, is_figure, lines = u.plotted, u.is_figure, u.lines

local function has(s, part) return s:find(part, 1, true) ~= nil end

-- ---- a small report ---------------------------------------------------------------------

-- x: numbers apart (KS D = 1); plan: a category 'c' unseen in the
-- reference; flag: 0/1, so categories; y: two values missing in the
-- current frame (0% -> 25%); day: a time column, left out; only_ref and
-- only_cur: in one frame each.
local days = date_range("2024-01-01", "2024-01-08")
local ref = frame{
  x = { 1, 2, 3, 4, 5, 6, 7, 8 },
  plan = { "a", "a", "b", "b", "a", "b", "a", "b" },
  flag = { 0, 1, 0, 1, 0, 1, 0, 1 },
  y = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5 },
  day = days,
  only_ref = { 1, 1, 1, 1, 1, 1, 1, 1 },
}
local cur = frame{
  x = { 9, 10, 11, 12, 13, 14, 15, 16 },
  plan = { "a", "a", "a", "a", "a", "a", "b", "c" },
  flag = { 1, 1, 1, 1, 1, 1, 1, 1 },
  y = { 2.25, NA, NA, 5.25, 6.25, 7.25, 8.25, 9.25 },
  day = days,
  only_cur = { 2, 2, 2, 2, 2, 2, 2, 2 },
}
local d = drift(ref, cur)
t.is(getmetatable(d).__name, "lunette.Drift", "drift returns a Drift")
t.is(d.n_reference, 8, "n_reference")
t.is(d.n_current, 8, "n_current")
t.is(d.n_columns, 4, "n_columns: x, plan, flag, y")
t.same(ref:names(), { "day", "flag", "only_ref", "plan", "x", "y" }, "frame{}: names sorted")
t.same(d.columns, { "flag", "plan", "x", "y" }, "columns: in the reference's order")
t.is(d.n_drifted, 3, "n_drifted: x (ks), flag (chi2), y (missing share)")
t.is(d.share, 0.75, "share")
t.is(d.dataset_drift, true, "dataset_drift: 75% >= 50%")
t.is(d.drift_share, 0.5, "drift_share: 0.5 by default")
t.is(d.verdict, "3 of 4 columns drifted (75%): dataset drift", "verdict")
t.same(d.skipped, { "day (time)", "only_ref (only in reference)", "only_cur (only in current)" },
  "skipped: the time column and the columns of one frame")
t.same(d:drifted(), { "flag", "x", "y" }, "drifted(): the names")

-- x: all current values above the reference's: D = 1, exact p = 2 / C(16, 8)
local x = d:column("x")
t.is(getmetatable(x).__name, "lunette.DriftColumn", "column() returns a DriftColumn")
t.is(x.name, "x", "x: name")
t.is(x.type, "i64", "x: type")
t.is(x.kind, "numeric", "x: 12 distinct values > max_distinct: numeric")
t.is(x.method, "ks", "x: auto picks ks for 8 reference values")
t.ok(has(x.why, "auto"), "x: why says auto chose it")
t.is(x.statistic, 1, "x: D = 1")
t.near(x.p_value, 2 / 12870, TOL, "x: p = 2 / C(16, 8)")
t.near(x.score, x.p_value, 0, "x: a test's score is its p-value")
t.is(x.threshold, 0.05, "x: threshold 0.05 for a test")
t.near(x.severity, math.log(2 / 12870) / math.log(0.05), 1e-9, "x: severity log p / log 0.05")
t.is(x.drifted, true, "x: drifted")
t.is(x.missing_drifted, false, "x: missing_drifted")
t.is(x.df, 0, "x: df 0 for ks")
t.is(x.wasserstein, nil, "x: wasserstein only for that method")
t.is(x.n_ref, 8, "x: n_ref")
t.is(x.n_cur, 8, "x: n_cur")
t.is(x.missing_ref, 0, "x: missing_ref")
t.is(x.missing_cur, 0, "x: missing_cur")
t.is(x.unseen, 0, "x: unseen")
t.is(x.note, nil, "x: no note")

-- plan: 2 x 3 table { a 4 4 0 / 6 1 1 }: chi-square 3.2 on 2 df, p = exp(-1.6)
local plan = d:column("plan")
t.is(plan.kind, "categorical", "plan: categorical")
t.is(plan.method, "chi2", "plan: auto picks chi2")
t.near(plan.statistic, 3.2, 1e-12, "plan: chi-square 3.2")
t.near(plan.p_value, math.exp(-1.6), 1e-12, "plan: p = exp(-1.6) on 2 df")
t.is(plan.df, 2, "plan: df 2")
t.is(plan.unseen, 1, "plan: one category unseen")
t.ok(plan.note and has(plan.note, "c"), "plan: the note names the unseen category")
t.is(plan.drifted, false, "plan: not drifted")

-- flag: { 4 4 / 0 8 }: chi-square 16/3 on 1 df
local flag = d:column("flag")
t.is(flag.kind, "categorical", "flag: 0/1 numbers compared as categories")
t.is(flag.type, "i64", "flag: type i64")
t.near(flag.statistic, 16 / 3, 1e-12, "flag: chi-square 16/3")
t.near(flag.p_value, 0.020921335337794, 1e-12, "flag: p (scipy)")
t.is(flag.drifted, true, "flag: drifted")

-- y: KS of the values left (D = 1/3, scipy p 0.7839), drifted by its missing share
local y = d:column("y")
t.is(y.method, "ks", "y: ks")
t.near(y.statistic, 1 / 3, 1e-12, "y: D = 1/3 on the values left")
t.near(y.p_value, 0.7838827838827839, 1e-12, "y: p (scipy)")
t.is(y.n_cur, 6, "y: 6 current values compared")
t.is(y.missing_cur, 2, "y: 2 missing")
t.is(y.missing_drifted, true, "y: the missing share moved by 25% > 10%")
t.is(y.drifted, true, "y: drifted")
t.ok(y.note and has(y.note, "25%"), "y: the note says the missing share")

t.same(lines(tostring(d)), {
  "Data drift: 8 reference rows, 8 current rows, 4 columns compared",
  "",
  "  column  type  method  statistic  p-value  threshold  drifted  missing",
  "  flag    i64*  chi2        5.333   0.0209       0.05  yes",
  "  plan    str   chi2          3.2   0.2019       0.05  no",
  "  x       i64   ks              1  1.6e-04       0.05  yes",
  "  y       f64   ks         0.3333   0.7839       0.05  yes      0% -> 25%",
  "",
  "  flag: constant in current",
  "  plan: " .. plan.note,
  "  y: " .. y.note,
  "",
  "* numbers compared as categories (at most 10 distinct values, or asked)",
  "method auto: up to 1,000 reference values ks (numbers) or chi2 (categories),",
  "  above wasserstein (in reference sds) or js",
  "3 of 4 columns drifted (75%): dataset drift",
  "  (dataset drift from 50% of the columns drifted: drift_share = 0.5)",
  "skipped: day (time), only_ref (only in reference), only_cur (only in current)",
}, "the report's printout")

t.same(lines(tostring(x)), {
  "Drift of column 'x' (i64, numeric)",
  "  method     ks (" .. x.why .. ")",
  "  statistic  1",
  "  p-value    1.6e-04",
  "  threshold  0.05: drifts when p < threshold",
  "  drifted    yes (severity 2.927)",
  "  values     8 reference, 8 current",
}, "a column's printout")
t.ok(has(tostring(y), "  missing    0 reference (0%), 2 current (25%): moved past missing_shift"),
  "a column's printout: missing values")
t.ok(has(tostring(plan), "  unseen     1 category of the current frame not in the reference"),
  "a column's printout: unseen categories")

-- stats(): one row per column
local s = d:stats()
t.same(s:names(), { "column", "type", "kind", "method", "statistic", "p_value", "score",
  "threshold", "severity", "drifted", "n_ref", "n_cur", "missing_ref", "missing_cur", "note" },
  "stats(): columns")
t.is(#s, 4, "stats(): a row per column")
t.same(s.column:to_table(), { "flag", "plan", "x", "y" }, "stats(): column")
t.same(s.kind:to_table(), { "categorical", "categorical", "numeric", "numeric" }, "stats(): kind")
t.same(s.drifted:to_table(), { true, false, true, true }, "stats(): drifted")
t.same(s.missing_cur:to_table(), { 0, 0, 0, 2 }, "stats(): missing_cur")
t.near(s.statistic:to_table()[1], flag.statistic, 0, "stats(): statistic is the column's")
local notes = s.note:to_table()
t.ok(notes[1] == "constant in current" and notes[2] == plan.note and notes[3] == nil and
     notes[4] == y.note, "stats(): note, missing when there is none")

-- ---- options -----------------------------------------------------------------------------

local only = drift(ref, cur, { columns = { "x", "y" } })
t.same(only.columns, { "x", "y" }, "columns: only those")
t.is(#only.skipped, 0, "columns given: nothing listed as skipped")
t.is(drift(ref, cur, { columns = "pla*" }).columns[1], "plan", "columns: a pattern")

local w = drift(ref, cur, { method = "wasserstein", columns = { "x" } }):column("x")
t.is(w.method, "wasserstein", "method: given")
t.is(w.why, "given", "method given: why says so")
t.near(w.wasserstein, 8, TOL, "wasserstein: the raw distance (every value moved by 8)")
t.near(w.statistic, 8 / math.sqrt(5.25), 1e-12, "wasserstein: / the reference sd (ddof 0)")
t.is(w.p_value, nil, "wasserstein: no p-value")
t.is(w.threshold, 0.1, "wasserstein: threshold 0.1 for a distance")
t.near(w.severity, w.statistic / 0.1, 1e-12, "wasserstein: severity statistic / threshold")

local per = drift(ref, cur, { method = { x = "psi", plan = "js" }, threshold = { x = 0.5 } })
t.is(per:column("x").method, "psi", "method table: x by psi")
t.is(per:column("x").threshold, 0.5, "threshold table: x at 0.5")
t.is(per:column("plan").method, "js", "method table: plan by js")
t.is(per:column("flag").method, "chi2", "method table: the others by auto")
t.same(per.skipped, d.skipped, "per-column settings keep the skipped list")

local cat = drift(ref, cur, { categorical = { "x" } }):column("x")
t.is(cat.kind, "categorical", "categorical: x as categories")
t.is(cat.method, "chi2", "categorical: chi2 for it")
t.is(cat.df, 15, "categorical: 16 values, df 15")

t.is(drift(ref, cur, { max_distinct = 0 }):column("flag").kind, "numeric",
  "max_distinct = 0: 0/1 numbers are numeric")
t.is(drift(ref, cur, { small = 4 }):column("x").method, "wasserstein",
  "small = 4: 8 reference values get a distance")
t.is(drift(ref, cur, { small = 4 }):column("plan").method, "js",
  "small = 4: categories get js")
t.is(drift(ref, cur, { threshold = 0.001 }).n_drifted, 2,
  "threshold = 0.001: x (p 1.6e-4) and y (missing) drift, flag no longer")
t.is(drift(ref, cur, { drift_share = 0.8 }).dataset_drift, false,
  "drift_share = 0.8: no dataset drift at 75%")
t.ok(has(tostring(drift(ref, cur, { drift_share = 0.8 })), "): no dataset drift\n"),
  "drift_share = 0.8: the verdict says so")
t.is(drift(ref, cur, { missing_shift = 0.3 }):column("y").drifted, false,
  "missing_shift = 0.3: a move of 25% is not drift")
local p10 = drift(ref, cur, { method = "psi", columns = { "x" }, bins = 2 }):column("x")
local eps = 1e-4
-- two bins at the reference median 4.5: reference 1/2 1/2, current 0 and 1
local want_psi = (eps - 0.5) * math.log(eps / 0.5) + (1 - 0.5) * math.log(1 / 0.5)
t.near(p10.statistic, want_psi, 1e-12, "bins = 2: PSI written out")
local p11 = drift(ref, cur, { method = "psi", columns = { "x" }, bins = 2, eps = 0.01 })
t.near(p11:column("x").statistic, (0.01 - 0.5) * math.log(0.01 / 0.5) + 0.5 * math.log(2),
  1e-12, "eps = 0.01")
local js2 = drift(ref, cur, { method = "js", columns = { "x" }, bins = 2 }):column("x")
-- shares (1/2, 1/2) and (0, 1), m = (1/4, 3/4): JS^2 = (KL(p||m) + KL(q||m)) / 2
local function kl(p, q, base)
  local sum = 0
  for i = 1, #p do if p[i] > 0 then sum = sum + p[i] * math.log(p[i] / q[i], base) end end
  return sum
end
local m = { 0.25, 0.75 }
t.near(js2.statistic, math.sqrt((kl({ 0.5, 0.5 }, m, 2) + kl({ 0, 1 }, m, 2)) / 2), 1e-12,
  "js on 2 bins, base 2")
local jse = drift(ref, cur, { method = "js", columns = { "x" }, bins = 2, base = math.exp(1) })
t.near(jse:column("x").statistic,
  math.sqrt((kl({ 0.5, 0.5 }, m, math.exp(1)) + kl({ 0, 1 }, m, math.exp(1))) / 2), 1e-12,
  "base = e")

-- ---- bad input -------------------------------------------------------------------------

t.raises(function() drift({ x = { 1 } }, cur) end,
  "bad argument #1 to 'drift' (Frame (the reference) expected, got table)", "not a frame")
t.raises(function() drift(ref, 3) end, "bad argument #2 to 'drift' (Frame (the current data)",
  "current not a frame")
t.raises(function() drift(ref, cur:head(0)) end, "drift: the current frame has no rows",
  "an empty current frame")
t.raises(function() drift(ref:head(0), cur) end, "drift: the reference frame has no rows",
  "an empty reference frame")
local strx = frame{ x = { "1", "2", "3", "4", "5", "6", "7", "8" } }
t.raises(function() drift(ref:select("x"), strx) end,
  "drift: column 'x' is i64 in the reference and str in the current frame",
  "a column of different types")
t.raises(function() drift(ref, cur, { method = "kss" }) end,
  "option 'method': unknown method 'kss' (did you mean 'ks'?)", "unknown method")
t.raises(function() drift(ref, cur, { method = "wassersten" }) end,
  "(did you mean 'wasserstein'?)", "a misspelt method")
t.raises(function() drift(ref, cur, { method = { plan = "ks" } }) end,
  "ks compares numbers; column 'plan' is str", "a numeric-only method on a str column")
t.raises(function() drift(ref, cur, { method = { x = "ks", plna = "js" } }) end,
  "option 'method': no column 'plna' (did you mean 'plan'?)", "a method for an unknown column")
t.raises(function() drift(ref, cur, { threshold = { day = 0.1 } }) end,
  "option 'threshold': column 'day' is not compared (time); name it in columns",
  "a setting for a column left out")
t.raises(function() drift(ref, cur, { columns = { "x", "nope" } }) end, "nope",
  "an unknown column in columns")
t.raises(function() drift(ref, cur, { columns = { "only_ref" } }) end, "only_ref",
  "a column missing from the current frame")
t.raises(function() drift(ref, cur, { bins = 0 }) end, "option 'bins': 1 to 10000 expected",
  "bins = 0")
t.raises(function() drift(ref, cur, { eps = 0 }) end, "option 'eps': a share between 0 and 1",
  "eps = 0")
t.raises(function() drift(ref, cur, { base = 1 }) end, "option 'base'", "base = 1")
t.raises(function() drift(ref, cur, { drift_share = 1.5 }) end, "option 'drift_share'",
  "drift_share = 1.5")
t.raises(function() drift(ref, cur, { missing_shift = -1 }) end, "option 'missing_shift'",
  "missing_shift < 0")
t.raises(function() drift(ref, cur, { threshold = 0 }) end,
  "option 'threshold': a positive number expected", "threshold = 0")
t.raises(function() drift(ref, cur, { threshold = "high" }) end, "option 'threshold'",
  "threshold of the wrong type")
t.raises(function() drift(ref, cur, { method = 3 }) end,
  "option 'method': a method name or a table", "method of the wrong type")
t.raises(function() drift(ref, cur, { categorical = { 1 } }) end,
  "option 'categorical': item 1 is number", "categorical of the wrong type")
t.raises(function() drift(ref, cur, { bims = 3 }) end, "'bims'", "an unknown option")
t.raises(function() drift(ref, cur, { small = 1.5 }) end, "option 'small'", "small not an integer")
t.raises(function() return d:column("xx") end,
  "column: no column 'xx' in the report (did you mean 'x'?)", "column(): an unknown name")
t.raises(function() return d:column("day") end, "column: 'day' was not compared: day (time)",
  "column(): a skipped column")
t.raises(function() return d.n_drifed end,
  "drift: no field or method 'n_drifed' (did you mean 'n_drifted'?)", "a misspelt field")
t.raises(function() return x.pvalue end, "(did you mean 'p_value'?)", "a misspelt column field")

-- ---- the plain functions ---------------------------------------------------------------

local D, p, info = ks_test({ 1, 2, 3, 4 }, { 5, 6, 7, 8 })
t.is(D, 1, "ks_test: D = 1")
t.near(p, 2 / 70, TOL, "ks_test: exact p = 2 / C(8, 4)")
t.is(info.mode, "exact", "ks_test: exact for small samples")
t.same(info.n, { 4, 4 }, "ks_test: n")
t.same(info.missing, { 0, 0 }, "ks_test: missing")
t.is(tostring(info), "(4 and 4 values; exact)", "ks_test: the details print as a note")
t.is(tostring(select(2, psi({ 1, 2, 3, NA, 5 }, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1200 }))),
  "(4 and 12 values; 1 missing dropped)", "psi: the details count missing values")
local Da, pa, ia = ks_test({ 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { mode = "asymp" })
t.is(Da, 1, "ks_test asymp: D")
t.is(ia.mode, "asymp", "ks_test asymp: mode")
t.is(pa, 0, "ks_test asymp: p = P(D_2 >= 1) = 0, as scipy")
local Dm, pm, im = ks_test(frame{ v = { 1, NA, 2, 3, 4 } }.v, { 5, 6, NA, 7, 8 })
t.is(Dm, 1, "ks_test: missing values dropped")
t.near(pm, 2 / 70, TOL, "ks_test: the same p without them")
t.same(im.missing, { 1, 1 }, "ks_test: missing values counted")
t.is(ks_test({ 2, 2, 2 }, { 2, 2 }), 0, "ks_test: constant samples, D = 0")

t.is(wasserstein({ 0, 1, 3 }, { 5, 6, 8 }), 5, "wasserstein: every value moved by 5")
local sd = math.sqrt(((0 - 4 / 3) ^ 2 + (1 - 4 / 3) ^ 2 + (3 - 4 / 3) ^ 2) / 3)
local wn, wi = wasserstein({ 0, 1, 3 }, { 5, 6, 8 }, { normalize = true })
t.near(wn, 5 / sd, 1e-12, "wasserstein normalize: / sd of a (ddof 0)")
t.near(wi.sd, sd, 1e-12, "wasserstein: info.sd")
t.is(wasserstein({ 1, 2 }, { 1, 2 }), 0, "wasserstein: equal samples")
t.raises(function() wasserstein({ 2, 2 }, { 1, 3 }, { normalize = true }) end,
  "wasserstein: normalize = true divides by the standard deviation of a, which is 0",
  "wasserstein normalize: constant a")

-- psi and js on categories: shares a .5 b .25 c .25 against a .25 b .75 c 0
local pv, pinfo = psi({ "a", "a", "b", "c" }, { "a", "b", "b", "b" })
local want = (0.25 - 0.5) * math.log(0.25 / 0.5) + (0.75 - 0.25) * math.log(0.75 / 0.25) +
             (1e-4 - 0.25) * math.log(1e-4 / 0.25)
t.near(pv, want, 1e-12, "psi: written out, eps for the empty share")
t.is(pinfo.kind, "categorical", "psi: categories")
t.same(pinfo.n, { 4, 4 }, "psi: n")
local pv2 = psi({ "a", "a", "b", "c" }, { "a", "b", "b", "b" }, { eps = 0.001 })
t.near(pv2, want - (1e-4 - 0.25) * math.log(1e-4 / 0.25) + (1e-3 - 0.25) * math.log(1e-3 / 0.25),
  1e-12, "psi: eps = 0.001")
local _, unseen = psi({ "a", "b" }, { "a", "z" })
t.is(unseen.unseen, 1, "psi: a category unseen in the reference")
local jv = js_distance({ "a", "a", "b", "c" }, { "a", "b", "b", "b" })
local mm = { 0.375, 0.5, 0.125 }
t.near(jv, math.sqrt((kl({ 0.5, 0.25, 0.25 }, mm, 2) + kl({ 0.25, 0.75, 0 }, mm, 2)) / 2), 1e-12,
  "js_distance: written out, base 2")
t.is(js_distance({ "a", "b" }, { "a", "b" }), 0, "js_distance: equal shares")
-- numbers: quantile bins of the reference; 2 bins at its median
t.near(psi({ 1, 2, 3, 4, 5, 6, 7, 8 }, { 9, 10, 11, 12, 13, 14, 15, 16 }, { bins = 2 }), want_psi,
  1e-12, "psi on numbers: the report's bins")
local _, ninfo = js_distance({ 1, 2, 3, 4 }, { 1, 2, 3, 4 }, { bins = 4 })
t.is(ninfo.kind, "numeric", "js_distance: numbers are binned")
t.is(js_distance({ 1, 2, 3, 4 }, { 1, 2, 3, 4 }, { bins = 4 }), 0, "js_distance: equal samples")

local cs, cp, cdf, cinfo = chi2_test({ "a", "a", "b", "b" }, { "a", "b", "b", "b" })
-- { 2 2 / 1 3 }: expected { 1.5 2.5 / 1.5 2.5 }
t.near(cs, 2 * 0.25 / 1.5 + 2 * 0.25 / 2.5, 1e-12, "chi2_test: statistic written out")
t.near(cp, 0.4652088184521417, 1e-12, "chi2_test: p (scipy)")
t.is(cdf, 1, "chi2_test: df")
t.same(cinfo.n, { 4, 4 }, "chi2_test: n")
local s3, p3, d3 = chi2_test({ 1, 1, 2, 2 }, { 1, 2, 2, 2 })
t.near(s3, cs, 1e-12, "chi2_test on numbers: distinct values as categories")
t.ok(p3 == cp and d3 == 1, "chi2_test on numbers: p, df")
local s1, p1, d1 = chi2_test({ "x", "x" }, { "x" })
t.ok(s1 == 0 and p1 == 1 and d1 == 0, "chi2_test: one category: 0, 1, 0")
t.raises(function() chi2_test({ "a" }, { "b" }, {}) end, "chi2_test takes no options",
  "chi2_test: options")

local A2, ap, crit, capped, ainfo = anderson_ksamp({ { 1, 2, 3, 4, 5 }, { 3, 4, 5, 6, 7, 8 } })
t.is(type(A2), "number", "anderson_ksamp: statistic")
t.ok(ap >= 0.001 and ap <= 0.25, "anderson_ksamp: p in [0.001, 0.25]")
t.same({ crit[1], crit[2], crit[3], crit[4], crit[5], crit[6], crit[7] },
  { 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001 }, "anderson_ksamp: the levels in order")
t.ok(crit[0.25] < crit[0.05] and crit[0.05] < crit[0.001], "anderson_ksamp: critical[level]")
t.is(type(capped), "boolean", "anderson_ksamp: capped")
t.same(ainfo.n, { 5, 6 }, "anderson_ksamp: n")
local lo, hi = {}, {}
for i = 1, 20 do lo[i], hi[i] = i, 100 + i end
local _, plo, _, clo = anderson_ksamp({ lo, hi })
t.ok(plo == 0.001 and clo, "anderson_ksamp: far apart, p capped at 0.001")
local _, phi, _, chi = anderson_ksamp({ { 1, 2, 3, 4, 5, 6 }, { 1, 2, 3, 4, 5, 6 } })
t.ok(phi == 0.25 and chi, "anderson_ksamp: the same samples, p capped at 0.25")
local _, _, _, _, i3 = anderson_ksamp({ { 1, 2, 3 }, frame{ v = { 2, NA, 4 } }.v, { 0, 5 } })
t.same(i3.missing, { 0, 1, 0 }, "anderson_ksamp: three samples, missing counted")

t.raises(function() ks_test({ "a" }, { "b" }) end, "ks_test: a is a str column; expected numbers",
  "ks_test on strings")
t.raises(function() ks_test({}, { 1 }) end, "ks_test: a has no values", "ks_test: empty")
t.raises(function() ks_test({ 1 }, frame{ v = { NA, NA } }.v) end,
  "ks_test: b has no values (all 2 missing)", "ks_test: all missing")
t.raises(function() ks_test({ 1 }, { 2 }, { mode = "fast" }) end, "option 'mode'",
  "ks_test: a bad mode")
t.raises(function() ks_test(3, { 1 }) end, "a: a Column or an array of values expected, got number",
  "ks_test: not a sample")
t.raises(function() psi({ "a" }, { 1 }) end,
  "psi: ref is str and cur is i64; expected two samples of numbers or two of categories",
  "psi: mixed kinds")
t.raises(function() psi({ 1 }, { 2 }, { bins = 0 }) end, "option 'bins'", "psi: bins = 0")
t.raises(function() js_distance({ 1 }, { 2 }, { base = -1 }) end, "option 'base'",
  "js_distance: a bad base")
t.raises(function() anderson_ksamp({ { 1, 2 } }) end, "a list of 2 or more samples expected, got 1",
  "anderson_ksamp: one sample")
t.raises(function() anderson_ksamp({ { 1, 1 }, { 1 } }) end, "anderson_ksamp: all values are equal",
  "anderson_ksamp: all equal")
t.raises(function() anderson_ksamp({ { 1, 2 }, {} }) end, "sample 2 has no values",
  "anderson_ksamp: an empty sample")

-- ---- figures ---------------------------------------------------------------------------

local fig = plotted(d)
t.ok(is_figure(fig), "plot(d): a Figure")
t.is(fig:title(), "Data drift: 3 of 4 columns drifted", "plot(d): title")
t.is(fig:subtitle(), "dataset drift: 75% of the columns drifted, threshold 50%",
  "plot(d): subtitle, the verdict")
local fx = plotted(d:column("x"))
t.ok(is_figure(fx), "plot(column): a Figure")
t.is(fx:title(), "x: ks p = 1.6e-04 (drifted, threshold 0.05)", "plot(column): title")
local fp = plotted(d:column("plan"))
t.ok(is_figure(fp), "plot(categorical column): a Figure")
t.is(fp:title(), "plan: chi2 p = 0.2019 (not drifted, threshold 0.05)", "categorical title")
t.is(plotted(d, { title = "mine" }):title(), "mine", "plot(d, { title = })")
t.is(plotted(w):title(), "x: wasserstein " .. string.format("%.4g", w.statistic) ..
  " (drifted, threshold 0.1)", "plot(column): a distance's title")
local gone = drift(ref, frame{ y = { NA, NA, NA, NA } }, { columns = { "y" } }):column("y")
t.is(gone.method, "missing", "a column all missing in current: method missing")
t.is(gone.drifted, true, "a column all missing in current drifts")
t.raises(function() plotted(gone) end,
  "plot: column 'y' has no current values to draw (all missing in current", "plot: nothing to draw")
local png = t.tmpname() .. ".png"
t.remove_at_done(png)
save(plotted(d), png)
t.is((t.slurp(png) or ""):sub(1, 4), "\137PNG", "save(plot(d)): a PNG file")
local png2 = t.tmpname() .. ".png"
t.remove_at_done(png2)
save(plotted(d:column("plan")), png2)
t.is((t.slurp(png2) or ""):sub(1, 4), "\137PNG", "save(plot(column)): a PNG file")

-- ---- drift over time ------------------------------------------------------------------------

-- 90 days, one row a day: price steps up from March, the channel changes mix
local day = date_range("2024-01-01", "2024-03-30")
local price, channel = {}, {}
for i = 1, #day do
  price[i] = (i % 13) + (i > 60 and 6 or 0)
  channel[i] = (i > 60 and i % 2 == 0) and "web" or ({ "shop", "phone", "web" })[i % 3 + 1]
end
local events = frame{ day = day, price = price, channel = channel }
local ws = drift_over_time(events, "day", { every = "month" })
t.is(getmetatable(ws).__name, "lunette.DriftSeries", "drift_over_time returns a DriftSeries")
t.is(ws.n_windows, 3, "three months")
t.same(ws.labels, { "2024-01", "2024-02", "2024-03" }, "labels: months")
t.same(ws.rows, { 31, 29, 30 }, "rows per window")
t.is(ws.dropped, 0, "dropped")
t.is(ws.time, "day", "time")
t.is(ws.every, "month", "every")
t.is(ws.reference, "first", "reference: first by default")
t.is(ws:window(1), nil, "window(1): the baseline")
local w2, w3 = ws:window(2), ws:window(3)
t.is(getmetatable(w3).__name, "lunette.Drift", "window(3): a Drift")
t.is(w2.n_reference, 31, "window(2): against January")
t.is(w3.n_current, 30, "window(3): March")
t.same(w3.columns, { "channel", "price" }, "window: the time column is not compared")
t.is(w3:column("price").drifted, true, "March: price moved")
t.is(w2:column("price").drifted, false, "February: price did not")
t.is(w3:column("channel").drifted, true, "March: the channel mix moved (chi2 p 0.027)")
local wtext = tostring(ws)
t.ok(has(wtext, "Drift over time: 3 windows of 'day' by month, each against the first (2024-01)"),
  "series printout: header")
t.ok(has(wtext, "2024-03") and has(wtext, "0 of 2") and has(wtext, "2 of 2") and
     has(wtext, "baseline"),
  "series printout: a row per window")
t.ok(has(tostring(w3), "Data drift of window 2024-03 against 2024-01: 31 reference rows"),
  "a window's printout")
local st = ws:stats()
t.same(st:names(), { "window", "column", "method", "statistic", "p_value", "severity", "drifted",
  "n_ref", "n_cur" }, "series stats(): columns")
t.is(#st, 4, "series stats(): 2 windows x 2 columns")
t.same(st.window:to_table(), { "2024-02", "2024-02", "2024-03", "2024-03" }, "stats(): window")
t.same(st.column:to_table(), { "channel", "price", "channel", "price" }, "stats(): column")
t.near(st.statistic:to_table()[4], w3:column("price").statistic, 0, "stats(): the window's")
local wf = plotted(ws, { columns = { "price" } })
t.ok(is_figure(wf), "plot(w): a Figure")
t.is(wf:title(), "Drift over time: 'day' by month", "plot(w): title")
local png3 = t.tmpname() .. ".png"
t.remove_at_done(png3)
save(plotted(ws), png3)
t.is((t.slurp(png3) or ""):sub(1, 4), "\137PNG", "save(plot(w)): a PNG file")

local prev = drift_over_time(events, "day", { every = "month", reference = "previous" })
t.is(prev.reference, "previous", "reference = previous")
t.is(prev:window(3).n_reference, 29, "previous: March against February")
t.ok(has(tostring(prev:window(3)), "window 2024-03 against 2024-02"), "previous: said so")
local byframe = drift_over_time(events, "day", { every = "month", reference = events:head(31) })
t.is(byframe.reference, "frame", "reference = a frame")
t.ok(byframe:window(1) ~= nil, "a reference frame: every window is compared")
local weeks = drift_over_time(events, "day", { every = "week", columns = { "price" } })
t.is(weeks.labels[1], "2024-01-01", "weeks: labelled by date (ISO weeks start on Monday)")
t.same(weeks:window(2).columns, { "price" }, "drift_over_time: columns")
local nums = drift_over_time(frame{ t = { 1, 2, 3, 11, 12, 13, 21, 22, 23 },
                                    v = { 1, 2, 3, 1, 2, 3, 7, 8, 9 } }, "t", { every = 10 })
t.same(nums.labels, { "0", "10", "20" }, "numeric windows: labelled by their start")

t.raises(function() drift_over_time(events, "dya") end,
  "drift_over_time: column 'dya' not found (did you mean 'day'?)", "an unknown time column")
t.raises(function() drift_over_time(events, "day", { every = "fortnight" }) end, "fortnight",
  "an unknown period")
t.raises(function() drift_over_time(events, "day", { every = "year" }) end, "window",
  "one window: nothing to compare")
t.raises(function() drift_over_time(events, "day", { every = 7 }) end,
  "option 'every': 'day' is a time column", "a number for a time column")
t.raises(function() drift_over_time(frame{ t = { 1, 2 }, v = { 1, 2 } }, "t") end,
  "option 'every': a window length is needed for the numeric column 't'",
  "no window length for numbers")
t.raises(function() drift_over_time(events, "day", { reference = "last" }) end,
  "option 'reference': \"first\", \"previous\" or a Frame expected, got 'last'",
  "a bad reference")
t.raises(function() drift_over_time(events, "channel", { every = "month" }) end, "channel",
  "a str time column")
t.raises(function() drift_over_time(events, "day", { columns = { "day" } }) end,
  "'day' is the time column", "the time column in columns")
t.raises(function() ws:window(4) end, "a window 1 to 3 expected, got 4", "window out of range")
t.raises(function() plotted(ws, { columns = { "prise" } }) end,
  "column 'prise' is not compared (did you mean 'price'?)", "plot(w): an unknown column")

-- ---- closed objects ------------------------------------------------------------------------

do
  local dc
  do
    local d2 <close> = drift(ref, cur)
    dc = d2:column("x")
  end
  t.is(tostring(dc), "lunette.DriftColumn (closed)", "a column of a closed report prints so")
  t.raises(function() return dc.statistic end, "belongs to a closed object",
    "a column of a closed report raises")
  local w4
  do
    local s2 <close> = drift_over_time(events, "day")
    w4 = s2:window(2)
  end
  t.raises(function() return w4.n_drifted end, "belongs to a closed object",
    "a window of a closed series raises")
end

-- ---- help examples run -----------------------------------------------------------------------

local examples_dir = os.getenv("LUNETTE_EXAMPLES")
local function helptext(topic)
  local saved, out = print, {}
  print = function(...) out[#out + 1] = table.concat({ ... }, "\t") end
  pcall(help, topic)
  print = saved
  return table.concat(out, "\n")
end
for _, topic in ipairs{ "drift", "drift_over_time", "ks_test", "wasserstein", "psi",
                        "js_distance", "chi2_test", "anderson_ksamp", "Drift:fields",
                        "Drift:stats", "Drift:column", "Drift:drifted", "DriftColumn:fields",
                        "DriftSeries:fields", "DriftSeries:stats", "DriftSeries:window" } do
  local text = helptext(topic)
  local code = text:match("\nExample:\n(.*)$") or ""
  code = code:gsub("\n  ", "\n"):gsub("^  ", ""):gsub("examples/", examples_dir .. "/")
  local chunk, err = load(code, "=" .. topic, "t")
  local ok = chunk ~= nil
  if chunk then
    local saved = print
    print = function() end
    ok, err = pcall(chunk)
    print = saved
  end
  t.ok(ok and #code > 0, "help\"" .. topic .. "\": the example runs" .. (ok and "" or ": " .. tostring(err)))
end

-- a table too wide for 80 cells: the missing shares go below it, then
-- the threshold column; every line fits
do
  local long = "a_rather_long_column_name_for_this_test_x"
  local vr, vc = {}, {}
  for i = 1, 40 do vr[i] = i % 5 == 0 and NA or i * 1.5; vc[i] = i % 4 == 0 and NA or i * 2.5 end
  local wide = tostring(drift(frame{ [long] = vr }, frame{ [long] = vc }))
  local widest = 0
  for _, l in ipairs(lines(wide)) do widest = math.max(widest, utf8.len(l)) end
  t.ok(widest <= 80, "narrow report: every line fits 80 cells (widest " .. widest .. ")")
  t.ok(wide:find("\n  " .. long .. ": missing 20%% %-> 25%%\n") ~= nil,
    "narrow report: the missing shares below the table")
  t.ok(not wide:find("threshold  drifted", 1, true) and wide:find("statistic", 1, true) ~= nil,
    "narrow report: the threshold column left out, the statistic kept")
end

t.done()
