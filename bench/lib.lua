-- Shared by the Lua sides of the benchmarks (bench/*/*.lua), each of
-- which loads it from its own place:
--   local bench = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")
-- now(): the wall clock in seconds (date +%s.%N: Lua's os.clock is CPU
-- time, summed over threads).
-- median(n, fn): fn run n times, each after a full garbage collection;
-- the median wall time and what fn returned the last time.
local M = {}

function M.now()
  local p = io.popen("date +%s.%N")
  local t = tonumber(p:read("l"))
  p:close()
  return t
end

function M.median(n, fn)
  local ts, r = {}, nil
  for i = 1, n do
    collectgarbage()
    local t0 = M.now()
    r = fn()
    ts[i] = M.now() - t0
  end
  table.sort(ts)
  return ts[(#ts + 1) // 2], r
end

return M
