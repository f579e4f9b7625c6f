-- The lunette side of bench/drift/run.sh: load the two frames once, then
-- time each report RUNS times (wall clock, median) and print
-- "<op> <seconds> <sum of the statistics, 6 significant digits>":
--   auto   drift(ref, cur): wasserstein / sd per numeric column, Jensen-
--          Shannon per categorical one (both frames hold 1M rows)
--   tests  ks per numeric column, chi2 per categorical one
--   psi    psi on every column
--   lunette bench/drift/drift.lua REF.csv CUR.csv RUNS THREADS
local ref_path, cur_path, runs, threads = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4])

local bench = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")

local ref = read_csv(ref_path, { threads = threads })
local cur = read_csv(cur_path, { threads = threads })

local tests = {}
for _, name in ipairs(ref:names()) do
  tests[name] = name:sub(1, 1) == "x" and "ks" or "chi2"
end

local function total(d)
  local s = 0
  local v = d:stats().statistic:to_table()
  for i = 1, v.n do s = s + (v[i] or 0) end
  return string.format("%.6g", s)
end

local ops = {
  { "auto", function() return drift(ref, cur) end },
  { "tests", function() return drift(ref, cur, { method = tests }) end },
  { "psi", function() return drift(ref, cur, { method = "psi" }) end },
}

for _, op in ipairs(ops) do
  local t, d = bench.median(runs, op[2])
  print(string.format("%s %.4f %s", op[1], t, total(d)))
end
