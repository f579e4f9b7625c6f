-- The lunette side of bench/eval/run.sh: load the scores once, then time
-- each operation RUNS times (wall clock, median) and print
-- "<op> <seconds> <size>":
--   auc   evaluate(y, score).auc: labels, sort, AUC       size: AUC to 6 places
--   pr    ev:pr() on an evaluation made outside the timing  size: points
--   boot  ev:ci{ "auc", method = "bootstrap", n = 1000 }    size: resamples
--   lunette bench/eval/eval.lua DATA.csv RUNS THREADS
local path, runs, threads = arg[1], tonumber(arg[2]), tonumber(arg[3])

local bench = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")

local d = read_csv(path, { threads = threads })
local ev = evaluate(d.y, d.score)

local ops = {
  { "auc", runs, function()
      local auc = evaluate(d.y, d.score).auc
      return math.floor(auc * 1e6 + 0.5) / 1e6
    end },
  { "pr", runs, function() return #ev:pr() end },
  { "boot", 1, function()
      ev:ci{ "auc", method = "bootstrap", n = 1000, seed = 1 }
      return 1000
    end },
}

for _, op in ipairs(ops) do
  local t, size = bench.median(op[2], op[3])
  print(string.format("%s %.4f %s", op[1], t, size))
end
