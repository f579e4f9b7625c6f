-- Replays every REPL transcript in README.md and compares the output.
--
-- A transcript is a ```lua block whose first line starts with "> ".  Lines
-- starting with "> " (and ">> " for continuations) are input; the lines
-- after them, up to the next input, are the expected output, exactly as
-- the REPL prints it: an expression's values through tostring, separated
-- by tabs.  All blocks share one session, run from the project root.
local t = require "tap"
local readme = assert(arg[1], "usage: test_readme.lua README.md")

local blocks, cur = {}, nil
for line in io.lines(readme) do
  if cur then
    if line:match("^```") then
      if #cur.lines > 0 and cur.lines[1]:match("^> ") then blocks[#blocks + 1] = cur end
      cur = nil
    else
      cur.lines[#cur.lines + 1] = line
    end
  elseif line:match("^```lua%s*$") then
    cur = { lines = {} }
  end
end

-- Capture print() and the REPL's auto-print into a buffer.
local out = {}
local function emit(...)
  local n, parts = select("#", ...), {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  out[#out + 1] = table.concat(parts, "\t")
end
local env = setmetatable({ print = emit }, { __index = _G, __newindex = _G })

local function run(code)
  local chunk = load("return " .. code, "=README", "t", env)
  if not chunk then chunk = assert(load(code, "=README", "t", env)) end
  local res = table.pack(pcall(chunk))
  if not res[1] then
    emit(res[2])
  elseif res.n > 1 then
    rawset(_G, "_", res[2])
    emit(table.unpack(res, 2, res.n))
  end
end

for b, block in ipairs(blocks) do
  local i = 1
  while i <= #block.lines do
    local code = block.lines[i]:sub(3)
    i = i + 1
    while i <= #block.lines and block.lines[i]:match("^>> ") do
      code = code .. "\n" .. block.lines[i]:sub(4)
      i = i + 1
    end
    local want = {}
    while i <= #block.lines and not block.lines[i]:match("^> ") do
      want[#want + 1] = block.lines[i]
      i = i + 1
    end
    while #want > 0 and want[#want] == "" do want[#want] = nil end
    out = {}
    run(code)
    local got = table.concat(out, "\n"):gsub("\n+$", "")
    t.is(got, table.concat(want, "\n"), string.format("README block %d: %s", b, code:match("[^\n]*")))
  end
end
t.ok(#blocks > 0, "README has transcripts")
t.done()
