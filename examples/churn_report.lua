-- An unattended report: summarise a churn file and write the summary as
-- CSV.   lunette examples/churn_report.lua [data.csv] [summary.csv]
local input = arg[1] or "examples/data/telco_churn.csv"
local output = arg[2] or os.tmpname()

local churn = read_csv(input)
print(string.format("%s: %d customers, %d columns", input, #churn, churn:ncol()))

local churned = churn.churn:eq("Yes")
print(string.format("churned: %d (%.2f%%)", churned:sum(), 100 * churned:mean()))

-- Churn rate per contract type.
local per_contract = churn:group_by("contract"):agg{
  { "n", count() }, { "rate", "mean(churn == 'Yes')" } }
for row in per_contract:rows() do
  print(string.format("  %-15s %5d customers, churn %5.1f%%", row.contract, row.n, 100 * row.rate))
end

local summary = churn:describe()
summary:write_csv(output)
print("summary of " .. summary:ncol() .. " statistics written to " .. output)
assert(#read_csv(output) == churn:ncol(), "the summary has a row per column")
if not arg[2] then os.remove(output) end
