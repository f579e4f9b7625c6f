-- Helpers shared by the Lua tests of objects that print and plot
-- (test_drift.lua, test_evaluate.lua): a quiet plot(), a figure check,
-- and a printout cut into lines.
local M = {}

-- plot() prints through the global print: keep it quiet and return the figure.
function M.plotted(x, opts)
  local saved = print
  print = function() end
  local ok, fig = pcall(plot, x, opts)
  print = saved
  if not ok then error(fig, 0) end
  return fig
end

function M.is_figure(x) return getmetatable(x).__name == "lunette.Figure" end

-- The lines of s, the last one too when s does not end with a newline.
function M.lines(s)
  local out = {}
  for line in (s .. "\n"):gmatch("(.-)\n") do out[#out + 1] = line end
  return out
end

return M
