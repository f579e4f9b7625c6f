-- repr: what the REPL prints for a value.
local t = require "tap"

t.is(repr(42), "42", "numbers as tostring")
t.is(repr("text"), "text", "a string at the top level prints bare")
t.is(repr(nil), "nil", "nil")
t.is(repr({}), "{}", "empty table")
t.is(repr{ 1, "a", true }, '{ 1, "a", true }', "array, strings quoted inside")
t.is(repr{ b = 2, a = 1, [3] = "x" }, '{ [3] = "x", a = 1, b = 2 }',
  "keys sorted, numbers before strings, non-array integers bracketed")
t.is(repr{ ["not id"] = 1, ["end"] = 2, _ok1 = 3 }, '{ _ok1 = 3, ["end"] = 2, ["not id"] = 1 }',
  "keywords and non-identifiers bracketed")
t.is(repr(table.pack(1, nil, 3)), "{ 1, nil, 3, n = 3 }", "holes shown up to field n")
t.is(repr{ "a\nb", 'q"\\' }, [[{ "a\nb", "q\"\\" }]], "escapes keep a value on one line")
local cyc = { 1 }
cyc.me = cyc
t.is(repr(cyc), "{ 1, me = {…} }", "cycles cut")
t.is(repr{ { { { { 1 } } } } }, "{ { { { {…} } } } }", "depth limited to 4 levels")
local big = {}
for i = 1, 150 do big[i] = i end
t.ok(repr(big):match(", 100, …"), "at most 100 entries, then …")
local f = frame{ x = { 1, 2 } }
t.is(repr{ f, f.x }, "{ <Frame>, <Column> }", "objects inside tables by type")
t.is(repr(f), tostring(f), "an object at the top level prints as tostring")
local long = {}
for i = 1, 30 do long[i] = "column_" .. i end
local lines = {}
for line in repr(long):gmatch("[^\n]+") do lines[#lines + 1] = line end
t.ok(#lines > 1, "a long array wraps")
local widest = 0
for _, line in ipairs(lines) do widest = math.max(widest, #line) end
t.ok(widest <= 80, "wrapped lines fit 80 columns")
t.ok(lines[2]:match("^  \""), "continuation lines are indented")
t.raises(function() repr() end, "bad argument #1 to 'repr' (value expected)", "repr needs a value")
t.done()
