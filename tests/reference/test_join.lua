-- df:join against pandas' merge on a sample of the telco data.
-- Fixtures: join_*.csv, made by make_join_fixtures.py (read its header for
-- the sample, the right frames and the row order).  Every join must give
-- the same columns, in the same order, and the same rows, cell by cell:
-- numbers exactly (the joins only move values), strings and missing values
-- alike.
local t = require "tap"

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")

local churn = read_csv(examples .. "/data/telco_churn.csv")
local charges_col = churn:col("total_charges")
local rows = {}
for i = 1, #churn do
  if (i - 1) % 10 == 0 or charges_col[i] == nil then rows[#rows + 1] = i end
end
local left = churn:take(rows):select("contract", "payment_method", "tenure",
  "monthly_charges", "total_charges", "churn")
t.is(#left, 713, "the sample: every tenth row and the 11 without total_charges")

local function fixture(name) return read_csv(refdir .. "/" .. name) end

local function compare(got, want, what)
  t.same(got:names(), want:names(), what .. ": columns")
  t.is(#got, #want, what .. ": rows")
  local g, w = got:to_table(), want:to_table()
  for _, name in ipairs(want:names()) do
    local a, b = g[name], w[name]
    local bad
    if not a then
      bad = 1
    else
      for i = 1, math.max(a.n, b.n) do
        if a[i] ~= b[i] then bad = i break end
      end
    end
    t.ok(not bad, what .. ": " .. name .. " cell by cell")
    if bad and a then
      print(string.format("#   row %d: got %s, want %s", bad, tostring(a[bad]), tostring(b[bad])))
    end
  end
end

local plans = fixture("join_plans.csv")
for _, how in ipairs{ "inner", "left", "right", "full", "semi", "anti" } do
  local got = left:join(plans, { on = { "contract", "payment_method" }, how = how })
  compare(got, fixture("join_plans_" .. how .. ".csv"), "plans " .. how)
end

local bands = fixture("join_bands.csv")
for _, how in ipairs{ "left", "full" } do
  local got = left:join(bands, { left_on = "tenure", right_on = "months", how = how })
  compare(got, fixture("join_bands_" .. how .. ".csv"), "bands " .. how .. " (many-to-many)")
end

local charges = fixture("join_charges.csv")
for _, how in ipairs{ "inner", "left" } do
  local got = left:join(charges, { on = "total_charges", how = how })
  compare(got, fixture("join_charges_" .. how .. ".csv"), "charges " .. how .. " (missing keys)")
end

t.done()
