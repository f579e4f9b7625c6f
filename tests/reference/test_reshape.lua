-- pivot_wider, crosstab and pivot_longer against pandas' pivot_table,
-- crosstab and melt on the telco data.  Fixtures: reshape_*.csv, made by
-- make_reshape_fixtures.py (read its header for what each holds).  Counts,
-- integer sums, labels and the stacked values must agree exactly; means,
-- shares and sums of doubles to 1e-12 relative (pandas sums in another
-- order).  pandas sorts pivot_table's rows; pivot_wider keeps the order of
-- first appearance, so those rows are matched by their ids.
local t = require "tap"

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")
local RTOL = 1e-12

-- The fixture as its header and an array of rows keyed by header (no
-- field is quoted; an empty field is missing).
local function read_fixture(name)
  local header, rows = nil, {}
  for line in io.lines(refdir .. "/" .. name) do
    local fields = {}
    for v in (line .. ","):gmatch("([^,]*),") do fields[#fields + 1] = v end
    if not header then
      header = fields
    else
      local row = {}
      for i, h in ipairs(header) do
        if fields[i] ~= "" then row[h] = fields[i] end
      end
      rows[#rows + 1] = row
    end
  end
  return header, rows
end

local function close(got, want, where)
  if want == nil then return t.is(got, nil, where .. " is missing") end
  local x = tonumber(want)
  return t.near(got, x, RTOL * math.abs(x), where)
end

local function exact(got, want, where)
  return t.is(got, want and math.tointeger(tonumber(want)), where)
end

local churn = read_csv(examples .. "/data/telco_churn.csv")

-- ---- pivot_table(aggfunc = "mean") -----------------------------------------------

do
  local header, want = read_fixture("reshape_pivot_mean.csv")
  local w = churn:pivot_wider{ id_cols = "contract", names_from = "internet_service",
                               values_from = "monthly_charges", agg = "mean" }
  t.same(w:names(), header, "pivot mean: the columns of pivot_table, keys sorted")
  t.same(w:col("contract"):to_table(), { "Month-to-month", "One year", "Two year" },
    "pivot mean: ids in order of first appearance")
  local got = w:to_table()
  local row_of = {}
  for i = 1, #w do row_of[got.contract[i]] = i end
  for _, r in ipairs(want) do
    local i = row_of[r.contract]
    t.ok(i ~= nil, "pivot mean: a row for " .. r.contract)
    for k = 2, #header do
      close(got[header[k]][i], r[header[k]], "pivot mean " .. r.contract .. " x " .. header[k])
    end
  end
end

-- ---- pivot_table(aggfunc = "sum"), two ids, two values ---------------------------

do
  local header, want = read_fixture("reshape_pivot_sum.csv")
  local w = churn:pivot_wider{ id_cols = { "payment_method", "paperless_billing" },
                               names_from = "contract",
                               values_from = { "tenure", "monthly_charges" }, agg = "sum" }
  t.is(w:ncol(), #header, "pivot sum: as many columns as pivot_table")
  t.is(#w, #want, "pivot sum: one row per id pair")
  local got = w:to_table()
  local row_of = {}
  for i = 1, #w do row_of[got.payment_method[i] .. "|" .. got.paperless_billing[i]] = i end
  for _, r in ipairs(want) do
    local key = r.payment_method .. "|" .. r.paperless_billing
    local i = row_of[key]
    t.ok(i ~= nil, "pivot sum: a row for " .. key)
    for k = 3, #header do
      local name = header[k]
      t.ok(got[name] ~= nil, "pivot sum: a column " .. name)
      if got[name] and i then
        if name:find("^tenure_") then
          exact(got[name][i], r[name], "pivot sum " .. key .. " x " .. name)
        else
          close(got[name][i], r[name], "pivot sum " .. key .. " x " .. name)
        end
      end
    end
  end
end

-- ---- crosstab ------------------------------------------------------------------------

local function check_table(got_frame, fixture, cmp, what)
  local header, want = read_fixture(fixture)
  t.same(got_frame:names(), header, what .. ": the columns of pandas")
  t.is(#got_frame, #want, what .. ": the rows of pandas")
  local got = got_frame:to_table()
  for i, r in ipairs(want) do
    t.is(got.contract[i], r.contract, what .. ": row " .. i)
    for k = 2, #header do
      cmp(got[header[k]][i], r[header[k]], what .. " " .. r.contract .. " x " .. header[k])
    end
  end
end

check_table(churn:crosstab("contract", "churn", { margins = true }),
  "reshape_crosstab.csv", exact, "crosstab")
check_table(crosstab(churn.contract, churn.churn,
                     { margins = true, normalize = "index", name = "contract" }),
  "reshape_crosstab_index.csv", close, "crosstab index")

-- ---- melt ----------------------------------------------------------------------------

do
  local _, want = read_fixture("reshape_melt.csv")
  local long = churn:head(1000):select("contract", "churn", "tenure", "monthly_charges",
                                       "total_charges")
      :pivot_longer{ cols = numeric() }
  t.same(long:names(), { "contract", "churn", "name", "value" }, "melt: columns")
  t.is(#long, #want, "melt: 1000 rows x 3 columns")
  local got = long:to_table()
  local bad = {}
  for i, r in ipairs(want) do
    local same = got.contract[i] == r.contract and got.churn[i] == r.churn and
                 got.name[i] == r.name and got.value[i] == tonumber(r.value)
    if not same and #bad < 5 then bad[#bad + 1] = i end
  end
  t.is(#bad, 0, "melt: every row as pandas' melt in tidyr's order (first bad rows: " ..
    table.concat(bad, ", ") .. ")")
  t.is(long.value:missing(), 3, "melt: the three missing total_charges")
end

t.done()
