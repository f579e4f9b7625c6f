-- An unattended report: summarise a churn file and write the summary as
-- CSV.   lunette examples/churn_report.lua [data.csv] [summary.csv]
local input = arg[1] or "examples/data/telco_churn.csv"
local output = arg[2] or os.tmpname()

local churn = read_csv(input)
print(string.format("%s: %d customers, %d columns", input, #churn, churn:ncol()))

local churned = churn.churn:eq("Yes")
print(string.format("churned: %d (%.2f%%)", churned:sum(), 100 * churned:mean()))

-- Churn rate per contract type, from the value counts.
for row in churn.contract:counts():rows() do
  local in_group = churn.contract:eq(row.value)
  local rate = (in_group & churned):sum() / row.n
  print(string.format("  %-15s %5d customers, churn %5.1f%%", row.value, row.n, 100 * rate))
end

local summary = churn:describe()
summary:write_csv(output)
print("summary of " .. summary:ncol() .. " statistics written to " .. output)
assert(#read_csv(output) == churn:ncol(), "the summary has a row per column")
if not arg[2] then os.remove(output) end
