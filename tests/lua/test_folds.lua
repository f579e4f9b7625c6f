-- folds(df, opts) through the Lua API: every row tested exactly once per
-- repeat, train and test disjoint and in df's row order, fold sizes,
-- stratum shares, whole groups, repeats and seeds, time-series splits in
-- df's order and by a date column, and the argument errors.
local t = require "tap"

local function col(df, name) return df:col(name):to_table() end

local function increasing(v)
  for i = 2, #v do if v[i] <= v[i - 1] then return false end end
  return true
end

-- All splits of an iterator as records { train ids, test ids, fold, rep }.
local function collect(df, opts, key)
  key = key or "id"
  local out = {}
  for train, test, fold, rep in folds(df, opts) do
    out[#out + 1] = { train = col(train, key), test = col(test, key), fold = fold, rep = rep,
                      ntrain = #train, ntest = #test, tr = train, te = test }
  end
  return out
end

-- id 1..23, cls a/b/missing, grp = customer of 1 to 4 rows, x = id / 10.
local n = 23
local id, cls, grp, x = { n = n }, { n = n }, { n = n }, { n = n }
for i = 1, n do
  id[i], x[i] = i, i / 10
  cls[i] = i % 7 == 0 and NA or (i % 3 == 0 and "b" or "a")
  grp[i] = "c" .. (i * 5 % 9)
end
local df = frame({ id = id, cls = cls, grp = grp, x = x }, { names = { "id", "cls", "grp", "x" } })

-- Each repeat tests every id once; train is the rest; both increasing.
local function check_plan(splits, nrow, k, repeats, what)
  local good, ordered, whole = #splits == k * repeats, true, true
  for r = 1, repeats do
    local seen = {}
    for f = 1, k do
      local s = splits[(r - 1) * k + f]
      if not s or s.fold ~= f or s.rep ~= r then good = false break end
      for _, v in ipairs(s.test) do
        if seen[v] then good = false end
        seen[v] = true
      end
      local in_test = {}
      for _, v in ipairs(s.test) do in_test[v] = true end
      for _, v in ipairs(s.train) do if in_test[v] then good = false end end
      if #s.train + #s.test ~= nrow then good = false end
      ordered = ordered and increasing(s.train) and increasing(s.test)
      local xs = col(s.tr, "x")
      for i, rid in ipairs(s.train) do
        if xs[i] ~= rid / 10 then whole = false end
      end
    end
    local count = 0
    for _ in pairs(seen) do count = count + 1 end
    if count ~= nrow then good = false end
  end
  t.ok(good, what .. ": fold, rep in order; each row tested once per repeat; train the rest")
  t.ok(ordered, what .. ": train and test keep df's row order")
  t.ok(whole, what .. ": rows stay whole")
end

-- ---- plain k-fold -----------------------------------------------------------

local plain = collect(df, { k = 5 })
check_plan(plain, n, 5, 1, "k = 5")
local sizes = {}
for i, s in ipairs(plain) do sizes[i] = s.ntest end
t.same(sizes, { 5, 5, 5, 4, 4 }, "23 rows in 5 folds: 5 5 5 4 4 (the first 23 % 5 get one more)")
t.same(collect(df, {})[1].test, collect(df, { k = 5, seed = 1 })[1].test,
  "defaults: k = 5, seed = 1 (as df:split)")
t.same(collect(df, { k = 5, seed = 1 })[3].test, plain[3].test, "the same seed, the same folds")
local other = collect(df, { k = 5, seed = 2 })
t.ok(table.concat(other[1].test, ",") ~= table.concat(plain[1].test, ","),
  "another seed, other folds")
-- the folds of seed 7, worked out with a Python transcription of rng.h
local ten = frame{ id = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } }
local s7 = collect(ten, { k = 3, seed = 7 })
t.same(s7[1].test, { 3, 4, 6, 9 }, "10 rows, k = 3, seed 7: fold 1 tests 3 4 6 9")
t.same(s7[2].test, { 2, 5, 8 }, "fold 2 tests 2 5 8")
t.same(s7[3].test, { 1, 7, 10 }, "fold 3 tests 1 7 10")

local rep = collect(df, { k = 4, repeats = 3, seed = 9 })
check_plan(rep, n, 4, 3, "k = 4, 3 repeats")
t.ok(table.concat(rep[1].test, ",") ~= table.concat(rep[5].test, ","),
  "repeats shuffle anew")
t.same(collect(df, { k = 4, seed = 9 })[2].test, rep[2].test,
  "repeat 1 is the plan of repeats = 1")
local loo = collect(ten, { k = 10 })
t.ok(#loo == 10 and loo[10].ntest == 1 and loo[10].ntrain == 9, "k = #df: leave one out")

-- ---- stratified -------------------------------------------------------------

local strat = collect(df, { k = 3, stratify = "cls", seed = 4 })
check_plan(strat, n, 3, 1, "stratified")
local share_ok = true
for _, value in ipairs{ "a", "b", "NA" } do
  local lo, hi = math.huge, 0
  for _, s in ipairs(strat) do
    local c = 0
    local v = s.te:col("cls"):to_table()
    for i = 1, s.ntest do
      if (v[i] == nil and value == "NA") or v[i] == value then c = c + 1 end
    end
    lo, hi = math.min(lo, c), math.max(hi, c)
  end
  share_ok = share_ok and hi - lo <= 1
end
t.ok(share_ok, "stratified: a, b and missing each within one row between folds")

local churn = read_csv(os.getenv("LUNETTE_EXAMPLES") .. "/data/telco_churn.csv")
local yes = {}
local nfold = {}
for train, test, fold in folds(churn, { k = 5, stratify = "churn", seed = 3 }) do
  local c = 0
  for _, v in ipairs(col(test, "churn")) do if v == "Yes" then c = c + 1 end end
  yes[fold], nfold[fold] = c, #test
  assert(#train + #test == #churn)
end
t.same(yes, { 374, 374, 374, 373, 374 }, "telco, stratified: 1869 churners, 373 or 374 per fold")
t.same(nfold, { 1409, 1409, 1409, 1408, 1408 }, "telco, stratified: 7043 rows, 1409 or 1408 per fold")

-- ---- grouped ----------------------------------------------------------------

local grouped = collect(df, { k = 3, group = "grp", seed = 5 })
check_plan(grouped, n, 3, 1, "grouped")
local split_group = false
for _, s in ipairs(grouped) do
  local in_test = {}
  for _, g in ipairs(col(s.te, "grp")) do in_test[g] = true end
  for _, g in ipairs(col(s.tr, "grp")) do if in_test[g] then split_group = true end end
end
t.ok(not split_group, "grouped: no customer on both sides of a split")
local tenure_split = false
for train, test in folds(churn, { k = 4, group = "tenure", seed = 8, repeats = 2 }) do
  local in_test = {}
  for _, v in ipairs(col(test, "tenure")) do in_test[v] = true end
  for _, v in ipairs(col(train, "tenure")) do if in_test[v] then tenure_split = true end end
end
t.ok(not tenure_split, "telco grouped by tenure (73 groups), 2 repeats: no group split")

-- ---- time series ------------------------------------------------------------

local ts = collect(ten, { k = 3, time = true })
t.same(ts[1].train, { 1, 2, 3, 4 }, "time = true: split 1 trains on rows 1-4")
t.same(ts[1].test, { 5, 6 }, "time = true: and tests 5-6 (sklearn's TimeSeriesSplit)")
t.same(ts[3].train, { 1, 2, 3, 4, 5, 6, 7, 8 }, "time: the window expands")
t.same(ts[3].test, { 9, 10 }, "time: the last test ends at the last row")
t.ok(ts[3].fold == 3 and ts[3].rep == 1 and #ts == 3, "time: fold 1..k, rep 1")
local tg = collect(ten, { k = 2, time = true, test_size = 2, gap = 2, max_train = 2 })
t.same(tg[1].train, { 3, 4 }, "time with gap 2, max_train 2: split 1 trains on 3-4")
t.same(tg[1].test, { 7, 8 }, "and tests 7-8")
t.same(tg[2].train, { 5, 6 }, "split 2 trains on 5-6")

local air = read_csv(os.getenv("LUNETTE_EXAMPLES") .. "/data/air_passengers.csv")
local shuffled = air:sample{ frac = 1, seed = 3 }
local n_air, later, frame_order = 0, true, true
for train, test, fold in folds(shuffled, { k = 3, time = "month", gap = 1 }) do
  n_air = n_air + 1
  local last_train, first_test = "", "9999"
  for _, m in ipairs(col(train, "month")) do if m > last_train then last_train = m end end
  for _, m in ipairs(col(test, "month")) do if m < first_test then first_test = m end end
  later = later and first_test > last_train and #test == 36 and #train == 36 * fold - 1
  -- rows come in the shuffled frame's order, not in time order
  local pos = {}
  for i, m in ipairs(col(shuffled, "month")) do pos[m] = i end
  local p = {}
  for i, m in ipairs(col(test, "month")) do p[i] = pos[m] end
  frame_order = frame_order and increasing(p)
end
t.ok(n_air == 3 and later, "time = \"month\" on shuffled rows: 36 test months after "
  .. "36 k - 1 training months (gap 1)")
t.ok(frame_order, "time = \"month\": the frames keep df's (shuffled) order")

-- ---- the iterator -----------------------------------------------------------

local it
do
  local d <close> = frame{ id = { 1, 2, 3, 4 } }
  it = folds(d, { k = 2 })
end
local tr, te, f = it()
t.ok(#tr == 2 and #te == 2 and f == 1, "the iterator outlives a closed df")
it()
t.is(it(), nil, "after the last split the iterator returns nothing")

-- ---- errors -----------------------------------------------------------------

t.raises(function() folds({}) end, "bad argument #1 to 'folds'", "folds of a table")
t.raises(function() folds(df, { kk = 3 }) end, "unknown option 'kk'; did you mean 'k'?",
  "unknown option")
t.raises(function() folds(df, { k = 1 }) end, "option 'k': at least 2 folds expected", "k = 1")
t.raises(function() folds(df, { k = 2.5 }) end, "option 'k': integer expected", "k = 2.5")
t.raises(function() folds(ten, { k = 11 }) end,
  "folds: k = 11 folds need at least 11 rows; the frame has 10", "k > #df")
t.raises(function() folds(df, { repeats = 0 }) end, "option 'repeats': at least 1 expected",
  "repeats = 0")
t.raises(function() folds(df, { stratify = "cls", group = "grp" }) end,
  "give stratify or group, not both", "stratify and group")
t.raises(function() folds(df, { stratify = "clss" }) end,
  "folds: column 'clss' not found (did you mean 'cls'?)", "unknown stratify column")
t.raises(function() folds(df, { group = 3 }) end, "option 'group': string expected, got number",
  "group given a number")
t.raises(function() folds(df, { k = 6, group = "cls" }) end,
  "folds: k = 6 folds need at least 6 groups; the group column has 3", "too few groups")
t.raises(function() folds(df, { time = true, seed = 2 }) end,
  "option 'seed' does not go with time", "time with a seed")
t.raises(function() folds(df, { time = true, stratify = "cls" }) end,
  "option 'stratify' does not go with time", "time with stratify")
t.raises(function() folds(df, { time = true, repeats = 2 }) end,
  "option 'repeats' does not go with time", "time with repeats")
t.raises(function() folds(df, { gap = 1 }) end, "option 'gap' needs time", "gap without time")
t.raises(function() folds(df, { max_train = 1 }) end, "option 'max_train' needs time",
  "max_train without time")
t.raises(function() folds(df, { time = 1 }) end, "option 'time': a column name or true expected",
  "time = 1")
t.raises(function() folds(df, { time = "grp" }) end,
  "folds: time column 'grp' is str; expected dates, datetimes or numbers", "time on a str column")
local holes = frame{ d = { 1, NA, 3, 4, 5, 6 } }
t.raises(function() folds(holes, { k = 2, time = "d" }) end,
  "folds: time column 'd' has 1 missing values; expected a time on every row",
  "time column with a missing value")
t.raises(function() folds(ten, { time = true, gap = -1 }) end,
  "option 'gap': a number of rows >= 0 expected, got -1", "negative gap")
t.raises(function() folds(ten, { k = 4, time = true, test_size = 3 }) end,
  "folds: 4 splits of 3 test rows need more than 12 rows; the frame has 10", "tests too large")
t.raises(function() folds(ten, { k = 10, time = true }) end,
  "folds: 10 time splits need at least 11 rows; the frame has 10", "too many time splits")

t.done()
