-- The lunette side of bench/verbs/run.sh: load the fact and dimension
-- tables once, then time each verb RUNS times (wall clock, median) and
-- print "<op> <seconds> <rows of the result>".
--   lunette bench/verbs/verbs.lua FACT.csv DIM.csv RUNS THREADS
local fact, dim, runs, threads = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4])

local bench = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")

local d = read_csv(fact, { threads = threads })
local cust = read_csv(dim)

local ops = {
  { "groupby", function()
      return d:group_by("category", "region"):agg{
        total = col"amount":sum(), avg_price = col"price":mean(), top = col"score":max() }
    end },
  { "sort", function() return d:sort("category", "amount") end },
  { "filter", function()
      return d:filter(col"amount":gt(100) & col"category":eq("Grocery"))
    end },
  { "join", function() return d:join(cust, { on = "customer", how = "left" }) end },
}

for _, op in ipairs(ops) do
  local t, r = bench.median(runs, op[2])
  print(string.format("%s %.3f %d", op[1], t, #r))
end
