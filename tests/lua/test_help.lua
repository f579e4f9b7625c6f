-- The help system: every public function and method has a help entry (this
-- fails for any field of the library or method of a metatable without
-- one), lookups by value and by name, groups, and suggestions.
local t = require "tap"
local lunette = require "lunette"

-- help() prints through the global print: capture what it prints.
local function helptext(...)
  local saved, out = print, {}
  print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do out[#out + 1] = tostring(parts[i]) end
  end
  -- not pcall(help, ...): a direct call names the function 'help' in errors
  local ok, err = pcall(function(...) help(...) end, ...)
  print = saved
  if not ok then error(err, 0) end
  return table.concat(out, "\n")
end

local function has(text, s) return text:find(s, 1, true) ~= nil end

-- Help is read in an 80-column terminal.
local long_lines = {}
local function fits(text)
  for line in text:gmatch("[^\n]+") do
    if #line > 80 then long_lines[#long_lines + 1] = line end
  end
  return text
end

-- ---- every public name is documented ----------------------------------------------

local lib_names = {}
for name in pairs(lunette) do lib_names[#lib_names + 1] = name end
table.sort(lib_names)
t.ok(#lib_names >= 7, "the library has its public fields")
for _, name in ipairs(lib_names) do
  local ok, text = pcall(helptext, name)
  fits(ok and text or "")
  t.ok(ok and has(text, name) and has(text, "Example:"), "help\"" .. name .. "\" documents it")
  if type(lunette[name]) == "function" then
    local okv, textv = pcall(helptext, lunette[name])
    t.ok(okv and has(textv, text), "help(" .. name .. ") finds the entry by value")
  end
end

local ev = evaluate(frame{ t = { 1, 0 } }.t, frame{ s = { 0.9, 0.1 } }.s)
local objects = {
  Frame = frame{ x = { 1 } },
  Column = frame{ x = { 1 } }.x,
  Selector = numeric(),
  Session = session,
  Evaluation = ev,
  Confusion = ev:confusion(),
  Curve = ev:roc(),
  Comparison = compare(ev, ev),
  Drift = drift(frame{ x = { 1, 2, 3 } }, frame{ x = { 2, 3, 4 } }),
  DriftSeries = drift_over_time(frame{ t = { 1, 2, 11, 12 }, x = { 1, 2, 1, 3 } }, "t",
                                { every = 10 }),
}
objects.DriftColumn = objects.Drift:column("x")
for _, typename in ipairs{ "Frame", "Column", "Selector", "Session", "Evaluation", "Confusion",
                           "Curve", "Comparison", "Drift", "DriftColumn", "DriftSeries" } do
  local mt = getmetatable(objects[typename])
  t.is(mt.__name, "lunette." .. typename, typename .. " metatable name")
  t.is(type(mt.__methods), "table", typename .. " metatable has its method table")
  local methods = {}
  for name in pairs(mt.__methods) do methods[#methods + 1] = name end
  table.sort(methods)
  for _, name in ipairs(methods) do
    local topic = typename .. ":" .. name
    local ok, text = pcall(helptext, topic)
    fits(ok and text or "")
    local called = function(s) return has(s, ":" .. name .. "(") or has(s, ":" .. name .. "{") end
    t.ok(ok and called(text) and has(text, "Example:"),
      "help\"" .. topic .. "\" documents it")
    local okv, textv = pcall(helptext, mt.__methods[name])
    t.ok(okv and called(textv), "help finds " .. topic .. " by value")
  end
  t.ok(mt.__gc == mt.__close or typename == "Selector", typename .. ": __gc is __close")
end

-- ---- lookups ------------------------------------------------------------------------------

local overview = fits(helptext())
for _, group in ipairs{ "Frames", "Frame methods", "Columns", "CSV", "Help" } do
  t.ok(has(overview, "\n" .. group .. "\n"), "help() lists the group " .. group)
end
t.ok(has(overview, "read_csv(path [, opts])"), "help() lists signatures")
t.ok(has(overview, "df:head([n])"), "help() lists methods")

local rc = helptext(read_csv)
t.ok(has(rc, "read_csv(path [, opts])\n  Read a CSV file"), "help(read_csv): signature and summary")
t.ok(has(rc, "Options:\n  sep = "), "help(read_csv): options")
t.ok(has(rc, "Example:\n  churn = read_csv("), "help(read_csv): example")

local head = helptext("Frame:head")
t.ok(has(head, "df:head([n])\n  The first n rows (default 6)."), "help\"Frame:head\"")
t.is(helptext("head"), head, "help\"head\" finds the method")
t.is(helptext("df:head"), head, "help\"df:head\"")
t.is(helptext("head()"), head, "help\"head()\"")
t.is(helptext(frame{ x = { 1 } }.head), head, "help(df.head)")
local tt = helptext("to_table")
t.ok(has(tt, "df:to_table()") and has(tt, "c:to_table()"), "a name shared by two types shows both")
t.ok(has(helptext(frame{ x = { 1 } }), "df:select(...)"), "help(df) lists the frame methods")
t.ok(has(helptext("Columns"), "c:quantile(q [, opts])"), "help\"Columns\" lists a group")
t.ok(has(helptext(NA), "NA\n  The missing value"), "help(NA)")
t.ok(has(helptext(numeric()), "numeric()"), "help(numeric()) shows the selectors")
t.ok(has(helptext("operators"), "c + x"), "help\"operators\"")

t.is(#long_lines, 0, "every help line fits in 80 columns")
if #long_lines > 0 then print("# " .. table.concat(long_lines, "\n# ")) end

t.raises(function() helptext("hed") end, "help: no topic 'hed' (did you mean 'head'?)",
  "an unknown topic suggests")
t.raises(function() helptext("read_cvs") end, "did you mean 'read_csv'?", "a transposition")
t.raises(function() helptext("describ") end, "did you mean 'describe'?", "an abbreviation")
t.raises(function() helptext("zzzzzz") end, "help: no topic 'zzzzzz'", "nothing close")
t.raises(function() helptext(print) end,
  "bad argument #1 to 'help' (a lunette function or object, or a topic name expected, " ..
  "got function)", "help of a foreign function")

t.done()
