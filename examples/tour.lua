-- A first look at lunette: load a CSV, look at it, compute with columns.
-- Run it from the project root:   lunette examples/tour.lua
churn = read_csv("examples/data/telco_churn.csv")
print(churn)                          -- head and tail, types, size
print(churn:types()[6], churn:names()[6])

-- Columns: by name, with eager arithmetic and reductions.
local charges = churn.monthly_charges
print(charges:mean(), charges:median(), table.concat(charges:quantile{ 0.1, 0.9 }, " "))
print(churn.total_charges:missing(), "customers have no total yet")

-- Comparisons are methods (Lua 5.4 turns == and < into plain booleans);
-- & | ~ combine bool columns.  A bool column's mean is a share.
local churned = churn.churn:eq("Yes")
print(string.format("churn rate: %.1f%%", 100 * churned:mean()))
local long_timers = churn.tenure:ge(24) & churn.contract:ne("Month-to-month")
print(long_timers:sum(), "customers on contract for two years or more")

-- Value counts and a summary of every column.
print(churn.contract:counts())
print(churn:select(numeric()):describe())

-- Frames from Lua tables, and back.
local small = frame({ city = { "Zürich", "東京", NA }, visits = { 3, 7, 1 } },
                    { names = { "city", "visits" } })
print(small)
for row, i in small:rows() do
  print(i, row.city, row.visits)
end
