-- Verbs against pandas on the telco data: group-by aggregates, a grouped
-- mutate, count, and filter + multi-key sort.  Fixtures: verbs_*.csv made
-- by make_verbs_fixtures.py.  Integers and strings must be equal; doubles
-- within 1e-12 relative (pandas and lunette sum in different orders: R's
-- long double algorithm here, Kahan or pairwise sums there), and the
-- number of bit-identical values is reported.  Against R
-- (verbs_agg_r.csv), whose algorithms lunette follows, doubles must be
-- identical.
local t = require "tap"

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")
local churn = read_csv(examples .. "/data/telco_churn.csv")
local function fixture(name) return read_csv(refdir .. "/" .. name) end

local TOL = 1e-12

local function compare(got, want, what)
  t.same(got:names(), want:names(), what .. ": columns")
  t.is(#got, #want, what .. ": rows")
  local g, w = got:to_table(), want:to_table()
  for _, name in ipairs(want:names()) do
    local a, b = g[name], w[name]
    local bad, same, worst = nil, 0, 0
    for i = 1, b.n do
      local x, y = a and a[i], b[i]
      if math.type(x) == "float" or math.type(y) == "float" then
        local rel = (x == y) and 0 or math.abs(x - y) / math.max(math.abs(y), 1e-300)
        if x == y then same = same + 1 end
        worst = math.max(worst, rel)
        if not (rel <= TOL) then bad = bad or i end
      elseif x ~= y then
        bad = bad or i
      else
        same = same + 1
      end
    end
    t.ok(a and not bad, string.format("%s: %s (%d of %d identical, worst %.2g)",
                                      what, name, same, b.n, worst))
    if bad and a then
      print(string.format("#   row %d: got %s, want %s", bad, tostring(a[bad]), tostring(b[bad])))
    end
  end
end

local agg = churn:group_by("contract", "internet_service"):agg{
  { "n", count() },
  { "billed", col"total_charges":count() },
  { "rate", "mean(churn == 'Yes')" },
  { "spend_mean", col"monthly_charges":mean() },
  { "spend_median", col"monthly_charges":median() },
  { "spend_std", col"monthly_charges":std() },
  { "total_sum", col"total_charges":sum() },
  { "total_mean", col"total_charges":mean() },
  { "total_var", col"total_charges":var() },
  { "total_min", col"total_charges":min() },
  { "total_max", col"total_charges":max() },
  { "total_q90", col"total_charges":quantile(0.9) },
  { "tenure_sum", col"tenure":sum() },
  { "methods", col"payment_method":n_unique() },
  { "first_pay", col"payment_method":first() },
  { "last_pay", col"payment_method":last() },
}
compare(agg, fixture("verbs_agg.csv"), "group_by(contract, internet_service):agg")

-- R's algorithms, to the last bit: verbs_agg_r.csv (make_verbs_fixtures.R)
TOL = 0
local r = churn:group_by("contract", "internet_service"):agg{
  { "spend_mean", col"monthly_charges":mean() },
  { "spend_std", col"monthly_charges":std() },
  { "total_sum", col"total_charges":sum() },
  { "total_mean", col"total_charges":mean() },
  { "total_var", col"total_charges":var() },
  { "total_median", col"total_charges":median() },
  { "total_q90", col"total_charges":quantile(0.9) },
}
compare(r, fixture("verbs_agg_r.csv"), "agg against R, bit for bit")
TOL = 1e-12

local mut = churn:group_by("payment_method"):mutate{
  { "dev", col"monthly_charges" - col"monthly_charges":mean() },
  { "share", "monthly_charges / sum(monthly_charges)" },
}:select("payment_method", "dev", "share")
compare(mut, fixture("verbs_mutate.csv"), "group_by(payment_method):mutate")

compare(churn:count("contract", "payment_method"), fixture("verbs_count.csv"), "count")

local fs = churn:filter"tenure > 12 and contract ~= 'Month-to-month'"
  :sort{ "contract", desc"monthly_charges" }
  :select("contract", "monthly_charges", "tenure", "total_charges", "payment_method")
compare(fs, fixture("verbs_filter_sort.csv"), "filter and sort")

t.done()
