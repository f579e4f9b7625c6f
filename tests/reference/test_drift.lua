-- Data drift end to end against scipy 1.10.1 (fixtures made by
-- make_drift_fixtures.py): the plain functions ks_test, wasserstein, psi,
-- js_distance, chi2_test and anderson_ksamp on small fixed samples (ties,
-- one value, constants, +-inf, magnitudes 1e150 and 1e-150, unseen and
-- vanished categories), and drift() on the telco data split by tenure,
-- every column by every method that applies, and with method auto.
-- Tolerances: statistics 1e-9 relative (absolute when the reference value
-- is 0), p-values 1e-6 relative, counts exactly.
local t = require "tap"

local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")
local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")

local STAT, PV = 1e-9, 1e-6
local function close(got, want, tol)
  if want ~= want then return got ~= got end
  if got == want then return true end
  if type(got) ~= "number" then return false end
  local scale = want == 0 and 1 or math.abs(want)
  return math.abs(got - want) <= tol * scale
end

local function split(s, sep)
  local out = {}
  for field in (s .. sep):gmatch("(.-)" .. sep) do out[#out + 1] = field end
  return out
end

local function number(s)
  if s == "inf" then return math.huge end
  if s == "-inf" then return -math.huge end
  if s == "nan" then return 0 / 0 end
  return math.tointeger(s) or tonumber(s)
end

local function rows(name)
  local out, header = {}, nil
  for line in io.lines(refdir .. "/" .. name) do
    local f = split(line, ",")
    if not header then
      header = f
    else
      local row = {}
      for i, h in ipairs(header) do row[h] = f[i] end
      out[#out + 1] = row
    end
  end
  return out
end

-- ---- small samples -------------------------------------------------------------------

local samples = {}
for _, r in ipairs(rows("drift_samples.csv")) do
  local s = { kind = r.kind }
  for _, key in ipairs{ "a", "b", "c" } do
    if r[key] ~= "" then
      local v = {}
      for _, x in ipairs(split(r[key], " ")) do v[#v + 1] = r.kind == "num" and number(x) or x end
      s[#s + 1] = v
    end
  end
  samples[r.case] = s
end
local want = {}
local order = {}
for _, r in ipairs(rows("drift_expected.csv")) do
  local key = r.case .. "." .. r.fn
  if not want[key] then
    want[key] = {}
    order[#order + 1] = { r.case, r.fn }
  end
  want[key][r.field] = number(r.value)
end

-- A sample as a Column, to take that path too.
local function column(v) return frame{ x = v }.x end

local function check(what, got, w, tol)
  t.ok(close(got, w, tol), string.format("%s: %.17g vs scipy %.17g", what, got or 0 / 0, w))
end

for _, o in ipairs(order) do
  local case, fn = o[1], o[2]
  local s, w = samples[case], want[case .. "." .. fn]
  local a, b = s[1], s[#s]
  local what = case .. " " .. fn
  if fn:match("^ks") then
    local mode = fn == "ks_exact" and "exact" or fn == "ks_asymp" and "asymp" or "auto"
    local D, p, info = ks_test(a, b, { mode = mode })
    check(what .. " statistic", D, w.statistic, STAT)
    check(what .. " p-value", p, w.p_value, PV)
    t.is(info.mode, mode == "auto" and "exact" or mode, what .. ": mode used")
  elseif fn == "wasserstein" then
    check(what, wasserstein(a, b), w.statistic, STAT)
  elseif fn == "wasserstein_norm" then
    check(what, wasserstein(column(a), column(b), { normalize = true }), w.statistic, STAT)
  elseif fn == "psi" or fn == "psi_b4" then
    check(what, psi(a, b, { bins = fn == "psi" and 10 or 4 }), w.statistic, STAT)
  elseif fn == "js" or fn == "js_e" then
    local opts = fn == "js" and { bins = 10 } or { bins = 4, base = math.exp(1) }
    check(what, js_distance(column(a), column(b), opts), w.statistic, STAT)
  elseif fn == "chi2" then
    local stat, p, df = chi2_test(column(a), column(b))
    check(what .. " statistic", stat, w.statistic, STAT)
    check(what .. " p-value", p, w.p_value, PV)
    t.is(df, math.tointeger(w.df), what .. " df")
  elseif fn == "anderson" then
    local list = {}
    for i, v in ipairs(s) do list[i] = i % 2 == 0 and column(v) or v end
    local A2, p, crit, capped = anderson_ksamp(list)
    check(what .. " statistic", A2, w.statistic, STAT)
    check(what .. " p-value", p, w.p_value, PV)
    t.is(capped, w.capped == 1, what .. ": capped")
    local bad
    for i, lvl in ipairs(crit) do
      if not close(crit[lvl], w[string.format("crit_%g", lvl)], STAT) then
        bad = bad or i
      end
    end
    t.ok(#crit == 7 and not bad, what .. ": critical values" .. (bad and (" at " .. crit[bad]) or ""))
  end
end

-- ---- telco, split by tenure --------------------------------------------------------------

local churn = read_csv(examples .. "/data/telco_churn.csv")
local ref = churn:filter"tenure > 12":drop("tenure")
local cur = churn:filter"tenure <= 12":drop("tenure")
local tel = {}
for _, r in ipairs(rows("drift_telco.csv")) do
  tel[r.method] = tel[r.method] or {}
  tel[r.method][r.column] = r
end
local numeric = { "monthly_charges", "total_charges" }
local categorical = {}
for _, name in ipairs(ref:names()) do
  if name ~= "monthly_charges" and name ~= "total_charges" then
    categorical[#categorical + 1] = name
  end
end
t.is(#categorical, 17, "telco: 17 categorical columns (str and 0/1)")

local function check_report(method, cols)
  local d = drift(ref, cur, { method = method, columns = cols })
  t.is(d.n_reference, #ref, method .. ": reference rows")
  t.is(d.n_current, #cur, method .. ": current rows")
  for _, name in ipairs(cols) do
    local c, w = d:column(name), tel[method][name]
    local what = string.format("telco %s %s", method, name)
    t.is(c.method, method, what .. ": method")
    check(what .. " statistic", c.statistic, number(w.statistic), STAT)
    if w.p_value ~= "" then
      check(what .. " p-value", c.p_value, number(w.p_value), PV)
    else
      t.is(c.p_value, nil, what .. ": no p-value")
    end
    if method == "wasserstein" then
      check(what .. " raw distance", c.wasserstein, number(w.extra), STAT)
    elseif method == "chi2" then
      t.is(c.df, math.tointeger(w.extra), what .. ": df")
    end
  end
  return d
end
for _, m in ipairs{ "ks", "anderson", "wasserstein", "psi", "js" } do check_report(m, numeric) end
for _, m in ipairs{ "chi2", "psi", "js" } do check_report(m, categorical) end

-- method auto: large samples, so wasserstein for numbers and js for categories
local d = drift(ref, cur)
t.is(d.n_columns, 19, "auto: 19 columns compared")
local drifted = 0
for _, name in ipairs(d.columns) do
  local c = d:column(name)
  local m = (name == "monthly_charges" or name == "total_charges") and "wasserstein" or "js"
  local w = tel[m][name]
  t.is(c.method, m, "auto " .. name .. ": " .. m)
  check("auto " .. name .. " statistic", c.statistic, number(w.statistic), STAT)
  t.is(c.drifted, number(w.statistic) >= 0.1 or c.missing_drifted,
       "auto " .. name .. ": drifted when the distance >= 0.1")
  if c.drifted then drifted = drifted + 1 end
end
t.is(d.n_drifted, drifted, "auto: n_drifted counts the drifted columns")
t.is(d.dataset_drift, drifted / 19 >= 0.5, "auto: dataset drift from half of the columns")
local tc = d:column("total_charges")
t.is(tc.missing_cur, 11, "auto total_charges: 11 missing in the current frame")
t.is(tc.missing_ref, 0, "auto total_charges: none missing in the reference")
t.is(tc.n_cur, #cur - 11, "auto total_charges: values compared")

-- the plain functions on the same columns
local D, p, info = ks_test(ref.total_charges, cur.total_charges)
check("ks_test(total_charges) statistic", D, number(tel.ks.total_charges.statistic), STAT)
check("ks_test(total_charges) p-value", p, number(tel.ks.total_charges.p_value), PV)
t.ok(info.missing[1] == 0 and info.missing[2] == 11 and info.n[2] == #cur - 11,
     "ks_test: missing values dropped and counted")
check("wasserstein(monthly_charges)", wasserstein(ref.monthly_charges, cur.monthly_charges),
      number(tel.wasserstein.monthly_charges.extra), STAT)
check("wasserstein(monthly_charges, normalize)",
      wasserstein(ref.monthly_charges, cur.monthly_charges, { normalize = true }),
      number(tel.wasserstein.monthly_charges.statistic), STAT)
check("psi(monthly_charges)", psi(ref.monthly_charges, cur.monthly_charges),
      number(tel.psi.monthly_charges.statistic), STAT)
check("js_distance(total_charges)", js_distance(ref.total_charges, cur.total_charges),
      number(tel.js.total_charges.statistic), STAT)
for _, name in ipairs{ "contract", "payment_method", "churn" } do
  check("psi(" .. name .. ")", psi(ref[name], cur[name]), number(tel.psi[name].statistic), STAT)
  check("js_distance(" .. name .. ")", js_distance(ref[name], cur[name]),
        number(tel.js[name].statistic), STAT)
end
for _, name in ipairs{ "contract", "senior_citizen", "partner" } do
  local stat, pv, df = chi2_test(ref[name], cur[name])
  check("chi2_test(" .. name .. ") statistic", stat, number(tel.chi2[name].statistic), STAT)
  check("chi2_test(" .. name .. ") p-value", pv, number(tel.chi2[name].p_value), PV)
  t.is(df, math.tointeger(tel.chi2[name].extra), "chi2_test(" .. name .. ") df")
end
local A2, pa = anderson_ksamp{ ref.monthly_charges, cur.monthly_charges }
check("anderson_ksamp(monthly_charges) statistic", A2,
      number(tel.anderson.monthly_charges.statistic), STAT)
check("anderson_ksamp(monthly_charges) p-value", pa,
      number(tel.anderson.monthly_charges.p_value), PV)

t.done()
