-- The lunette side of bench/plots/run.sh: load the data once, then time
-- each operation RUNS times (wall clock, median) and print
-- "<op> <seconds> <size>", size being a count both sides can agree on.
--   lunette bench/plots/plots.lua DATA.csv RUNS THREADS OUTDIR
local path, runs, threads, outdir = arg[1], tonumber(arg[2]), tonumber(arg[3]), arg[4]

local bench = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")

local d = read_csv(path, { threads = threads, columns = { "amount", "price" } })
local pts = d:head(1000000)

local function bins_total(fig)
  local n = 0
  for _, l in ipairs(fig:layers()) do n = n + l.n end
  return n
end

local ops = {
  -- 50 equal bins over 5M values (the figure holds the counts).
  { "hist", function() return bins_total(plot.hist(d.amount, { bins = 50 })) end },
  -- A Gaussian KDE at 512 points with R's default bandwidth.
  { "density", function() return bins_total(plot.density(d.amount)) end },
  -- 1M points to a 1200 x 750 PNG.
  { "scatter_png", function()
      save(plot.scatter(pts.amount, pts.price), outdir .. "/scatter_lt.png")
      return #pts
    end },
  -- The 5M-value histogram to a 1200 x 750 PNG.
  { "hist_png", function()
      save(plot.hist(d.amount, { bins = 50 }), outdir .. "/hist_lt.png")
      return 50
    end },
}

for _, op in ipairs(ops) do
  local t, size = bench.median(runs, op[2])
  print(string.format("%s %.3f %d", op[1], t, size))
end

-- Drawing the 1M-point scatter as text (no peer draws in a terminal).
local fig = plot.scatter(pts.amount, pts.price)
local ts = {}
for i = 1, runs do
  local t0 = bench.now()
  local s = tostring(fig)
  ts[i] = bench.now() - t0
  assert(#s > 0)
end
table.sort(ts)
io.stderr:write(string.format("text rendering of 1M points: %.3f s\n", ts[(runs + 1) // 2]))
