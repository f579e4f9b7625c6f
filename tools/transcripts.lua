-- README transcripts: replay them, and check or refresh their output.
--
--   lunette tools/transcripts.lua check  README.md   TAP: one test per input
--   lunette tools/transcripts.lua update README.md   rewrite the outputs
--
-- A transcript is a ```lua block whose first line starts with "> ".  Lines
-- starting with "> " (and ">> " for continuations) are input; the lines
-- after them, up to the next input, are the output, exactly as the REPL
-- prints it: an expression's values through repr, separated by tabs.
-- All blocks share one session, run from the current directory (the
-- project root), with the display at 80 columns and no colour.
local mode, path = arg[1], arg[2]
assert((mode == "check" or mode == "update") and path,
       "usage: transcripts.lua check|update README.md")

local lines = {}
for line in io.lines(path) do lines[#lines + 1] = line end

-- Each step: the input lines' range [first, last] and the output range.
local steps, in_block, block_start = {}, false, nil
for i, line in ipairs(lines) do
  if in_block then
    if line:match("^```") then
      in_block = false
      if steps[#steps] and steps[#steps].out_last == nil then
        steps[#steps].out_last = i - 1
      end
    elseif line:match("^> ") and (i == block_start or steps[#steps]) then
      if steps[#steps] and steps[#steps].out_last == nil then
        steps[#steps].out_last = i - 1
      end
      steps[#steps + 1] = { first = i, last = i }
    elseif line:match("^>> ") and steps[#steps] and steps[#steps].last == i - 1 then
      steps[#steps].last = i
    end
  elseif line:match("^```lua%s*$") and (lines[i + 1] or ""):match("^> ") then
    in_block, block_start = true, i + 1
  end
end

local out = {}
local function emit(...)
  local n, parts = select("#", ...), {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  out[#out + 1] = table.concat(parts, "\t")
end

-- help() and scripts print through the global print: capture it there.
local real_print = print

-- As the REPL, do not print again a figure that plot() has just drawn.
local drawn = setmetatable({}, { __mode = "k" })
local real_plot = plot
plot = setmetatable({}, {
  __index = real_plot,
  __call = function(_, ...)
    local fig = real_plot(...)
    drawn[fig] = true
    return fig
  end,
})
local function run(code)
  local chunk = load("return " .. code, "=stdin", "t")
  if not chunk then
    local err
    chunk, err = load(code, "=stdin", "t")
    if not chunk then emit(err) return end
  end
  _G.print = emit
  local res = table.pack(pcall(chunk))
  _G.print = real_print
  if not res[1] then
    emit(res[2])
  elseif res.n > 1 then
    rawset(_G, "_", res[2])
    local shown = {}
    for i = 2, res.n do
      if not drawn[res[i]] then shown[#shown + 1] = repr(res[i]) end
    end
    if #shown > 0 then emit(table.unpack(shown)) end
    drawn = setmetatable({}, { __mode = "k" })
  end
end

local t = mode == "check" and require "tap"
local replaced = {}
for _, s in ipairs(steps) do
  local code = {}
  for i = s.first, s.last do code[#code + 1] = lines[i]:gsub("^>>? ", "", 1) end
  out = {}
  run(table.concat(code, "\n"))
  local got = table.concat(out, "\n"):gsub("\n+$", "")
  if t then
    local want = {}
    for i = s.last + 1, s.out_last do want[#want + 1] = lines[i] end
    local w = table.concat(want, "\n"):gsub("\n+$", "")
    t.is(got, w, string.format("line %d: %s", s.first, code[1]))
  else
    replaced[s.last] = { upto = s.out_last, text = got }
  end
end

if t then
  t.ok(#steps > 0, path .. " has transcripts")
  t.done()
end

local f = assert(io.open(path .. ".tmp", "w"))
local i = 1
while i <= #lines do
  f:write(lines[i], "\n")
  local r = replaced[i]
  if r then
    if r.text ~= "" then f:write(r.text, "\n") end
    i = r.upto
  end
  i = i + 1
end
f:close()
assert(os.rename(path .. ".tmp", path))
print(string.format("%s: %d transcript steps refreshed", path, #steps))
