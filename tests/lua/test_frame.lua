-- Frames through the Lua API: frame{}, accessors, row and column verbs,
-- describe, iteration, printing, closing and argument errors.
local t = require "tap"

local function col(df, name) return df:col(name):to_table() end

-- ---- frame{} ---------------------------------------------------------------

local df = frame{ id = { 1, 2, 3 }, score = { 0.5, NA, 2 }, name = { "a", "b", "c" },
                  ok = { true, false, NA } }
t.is(#df, 3, "#df is the row count")
t.is(df:ncol(), 4, "ncol")
t.same(df:names(), { "id", "name", "ok", "score" }, "named columns in alphabetical order")
t.same(df:types(), { "i64", "str", "bool", "f64" }, "types inferred and aligned with names")
t.is(math.type(df.id[2]), "integer", "i64 values are Lua integers")
t.is(df.id[2], 2, "df.name reaches a column")
t.is(df["score"][3], 2.0, "df[\"name\"] reaches a column")
t.is(math.type(df.score[3]), "float", "f64 values are floats")
t.is(df.score[2], nil, "NA gives a missing f64")
t.is(df.ok[3], nil, "NA gives a missing bool")
t.is(df.ok[2], false, "bool values are booleans")
t.is(df.score:missing(), 1, "one missing score")
t.is(tostring(NA), "NA", "NA prints as NA")

local ordered = frame({ a = { 1 }, b = { 2 } }, { names = { "b", "a" } })
t.same(ordered:names(), { "b", "a" }, "opts.names gives the order")
local pairs_form = frame{ { "z", { 1, 2 } }, { "y", { "p", "q" } } }
t.same(pairs_form:names(), { "z", "y" }, "{name, values} pairs keep their order")
t.same(col(pairs_form, "y"), { "p", "q" }, "pair values")
t.is(#frame{ x = { 1, nil, 3 } }, 3, "a nil hole inside the array")
t.is(frame{ x = { 1, nil, 3 } }.x:missing(), 1, "a nil hole is missing")
local padded = frame{ x = { n = 4, 1, 2 } }
t.is(#padded, 4, "field n gives the length")
t.is(padded.x:missing(), 2, "entries past #t up to n are missing")
t.is(frame{ x = { 1, 2.5 } }.x:type(), "f64", "integers and floats give f64")
t.is(frame{ x = { NA, NA } }.x:type(), "f64", "an all-missing column is f64")
t.is(frame{ x = { NA, "s" } }.x[2], "s", "strings after a missing value")
t.is(#frame{}, 0, "an empty frame has no rows")
t.is(frame{}:ncol(), 0, "and no columns")
local derived = frame{ twice = df.id * 2, id = df.id }
t.same(col(derived, "twice"), { 2, 4, 6 }, "a column value is taken as is")

t.raises(function() frame{ a = { 1, 2 }, b = { 1 } } end,
  "frame: column 'b' has length 1, expected 2 as column 'a' (mark missing values with NA)",
  "columns of different lengths")
t.raises(function() frame{ a = { 1, "x" } } end,
  "frame: column 'a' mixes value types: value 2 is a string, earlier ones are a number",
  "mixed value types")
t.raises(function() frame{ a = { {} } } end,
  "frame: column 'a' value 1: number, string, boolean or NA expected, got table",
  "a table value")
t.raises(function() frame{ a = 3 } end,
  "frame: column 'a': array or column expected, got number", "a scalar column")
t.raises(function() frame({ a = { 1 } }, { names = { "a", "b" } }) end,
  "option 'names': 'b' is not a column of the table", "names lists an unknown column")
t.raises(function() frame({ a = { 1 }, b = { 2 } }, { names = { "a" } }) end,
  "option 'names': 2 names expected (one per column)", "names misses a column")
t.raises(function() frame({ a = { 1 } }, { nmes = { "a" } }) end,
  "bad argument #2 to 'frame' (unknown option 'nmes'; did you mean 'names'?)",
  "unknown option with a suggestion")
t.raises(function() frame{ { "a", { 1 } }, b = { 2 } } end,
  "either {name, values} pairs or named columns expected", "pairs mixed with names")
t.raises(function() frame(1) end, "bad argument #1 to 'frame' (table expected, got number)",
  "frame needs a table")

-- ---- accessors ---------------------------------------------------------------

t.is(df:col("id"):type(), "i64", "col(name)")
local clash = frame{ names = { "x", "y" }, head = { 1, 2 } }
t.is(type(clash.names), "function", "a method wins a name clash")
t.is(clash:col("names")[2], "y", "col() always means the column")
t.same(clash:names(), { "head", "names" }, "the method still works")
t.raises(function() return df.scor end,
  "frame: column 'scor' not found (did you mean 'score'?)", "unknown column suggests")
t.raises(function() return df:col("nope") end, "col: column 'nope' not found",
  "col() of an unknown column")
t.raises(function() return df[1] end, "frame: index with a column name, got number",
  "numeric index")
t.raises(function() return df:col(nil) end,
  "bad argument #1 to 'col' (string expected, got nil)", "col needs a name")

-- ---- rows ----------------------------------------------------------------------

local ten = frame{ i = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } }
t.same(col(ten:head(), "i"), { 1, 2, 3, 4, 5, 6 }, "head() shows 6 rows")
t.same(col(ten:head(3), "i"), { 1, 2, 3 }, "head(3)")
t.is(#ten:head(0), 0, "head(0) is empty")
t.is(ten:head(0):ncol(), 1, "head(0) keeps the columns")
t.is(#ten:head(100), 10, "head(n) beyond the rows gives all of them")
t.raises(function() ten:head(-1) end,
  "bad argument #1 to 'head' (non-negative number of rows expected)", "head(-1)")
t.raises(function() ten:head("x") end,
  "bad argument #1 to 'head' (number expected, got string)", "head of a string")
t.same(col(ten:tail(3), "i"), { 8, 9, 10 }, "tail(3)")
t.same(col(ten:tail(), "i"), { 5, 6, 7, 8, 9, 10 }, "tail() shows 6 rows")
t.is(#ten:tail(0), 0, "tail(0)")
t.is(#ten:tail(20), 10, "tail beyond the rows")
t.raises(function() ten:tail(-2) end, "bad argument #1 to 'tail'", "tail(-2)")
t.same(col(ten:slice(2, 4), "i"), { 2, 3, 4 }, "slice is 1-based and inclusive")
t.same(col(ten:slice(9), "i"), { 9, 10 }, "slice to the end")
t.same(col(ten:slice(8, 50), "i"), { 8, 9, 10 }, "slice clamps j")
t.is(#ten:slice(5, 4), 0, "slice(i, i - 1) is empty")
t.is(#ten:slice(11, 20), 0, "slice past the end is empty")
t.raises(function() ten:slice(0, 2) end,
  "bad argument #1 to 'slice' (row number >= 1 expected)", "slice from 0")
t.raises(function() ten:slice(3, 1) end, "bad argument #2 to 'slice'", "slice backwards")

t.same(col(df:take{ 3, 1, 3 }, "id"), { 3, 1, 3 }, "take rows in order")
t.same(col(df:take(frame{ r = { 2, 2 } }.r), "name"), { "b", "b" }, "take an i64 column")
t.is(#df:take{}, 0, "take nothing")
t.raises(function() df:take{ 0 } end,
  "bad argument #1 to 'take' (row 0 out of range 1..3)", "take row 0")
t.raises(function() df:take{ 4 } end, "row 4 out of range 1..3", "take past the end")
t.raises(function() df:take{ 1.5 } end, "entry 1 is not a row number", "take a fraction")
t.raises(function() df:take(df.score) end, "i64 column of row numbers expected",
  "take an f64 column")
t.raises(function() df:take(2) end, "bad argument #1 to 'take'", "take a number")

-- ---- columns ---------------------------------------------------------------------

t.same(df:select("score", "id"):names(), { "score", "id" }, "select names in order")
t.same(df:select{ "name", "id" }:names(), { "name", "id" }, "select a table of names")
t.same(df:select(numeric()):names(), { "id", "score" }, "select numeric()")
t.same(df:select(nominal()):names(), { "name", "ok" }, "select nominal()")
t.same(df:select("score", numeric()):names(), { "score", "id" }, "names then a selector")
t.same(df:select{ "ok", numeric() }:names(), { "ok", "id", "score" }, "selectors in a table")
t.same(df:select("id", "id"):names(), { "id" }, "a column selected twice appears once")
t.raises(function() df:select("idd") end,
  "select: column 'idd' not found (did you mean 'id'?)", "select an unknown column")
t.raises(function() df:select(1) end,
  "bad argument #1 to 'select' (column name, pattern, selector or a table of them " ..
  "expected, got number)", "select a number")
t.raises(function() df:select() end, "bad argument #1 to 'select'", "select nothing")
t.same(df:drop("id"):names(), { "name", "ok", "score" }, "drop a name")
t.same(df:drop(numeric()):names(), { "name", "ok" }, "drop numeric()")
t.same(df:drop{ "id", "name" }:names(), { "ok", "score" }, "drop a table of names")
t.is(df:drop(numeric(), nominal()):ncol(), 0, "drop everything")
t.raises(function() df:drop("nam") end, "drop: column 'nam' not found (did you mean 'name'?)",
  "drop an unknown column")
t.is(tostring(numeric()), "numeric()", "a selector prints as its call")

t.same(df:rename{ id = "key" }:names(), { "key", "name", "ok", "score" }, "rename{ old = new }")
t.same(df:rename("id", "key"):names(), { "key", "name", "ok", "score" }, "rename(old, new)")
local swapped = df:rename{ id = "name", name = "id" }
t.same(swapped:names(), { "name", "id", "ok", "score" }, "rename swaps at once")
t.same(col(swapped, "id"), { "a", "b", "c" }, "the data follows the new names")
t.same(df:names(), { "id", "name", "ok", "score" }, "rename leaves the frame unchanged")
t.raises(function() df:rename{ nope = "x" } end, "rename: column 'nope' not found",
  "rename an unknown column")
t.raises(function() df:rename{ id = "name" } end, "rename: ", "rename onto a taken name")
t.raises(function() df:rename{ id = 1 } end, "old = \"new\" string pairs expected",
  "rename to a number")

local bound = df:select("id"):cbind(df:select("name"))
t.same(bound:names(), { "id", "name" }, "cbind")
t.same(col(bound, "name"), { "a", "b", "c" }, "cbind keeps the values")
t.raises(function() df:cbind(df) end, "cbind: ", "cbind duplicate names")
t.raises(function() df:cbind(ten) end, "cbind: ", "cbind different rows")
t.raises(function() df:cbind{} end,
  "bad argument #1 to 'cbind' (lunette.Frame expected, got table)", "cbind a table")

-- ---- describe ----------------------------------------------------------------------

local d = df:describe()
t.same(d:names(), { "column", "type", "count", "missing", "mean", "std", "min", "q25",
                    "median", "q75", "max", "unique", "top", "freq" }, "describe columns")
t.is(#d, 4, "describe has a row per column")
t.same(col(d, "column"), { "id", "name", "ok", "score" }, "describe rows in column order")
t.same(col(d, "type"), { "i64", "str", "bool", "f64" }, "describe types")
t.same(col(d, "count"), { 3, 3, 2, 2 }, "describe counts")
t.same(col(d, "missing"), { 0, 0, 1, 1 }, "describe missing")
t.is(d.mean[1], 2.0, "mean of id")
t.is(d.mean[4], 1.25, "mean of score")
t.is(d.max[4], 2.0, "max of score")
t.is(d.std[1], 1.0, "std of id")
t.is(d.top[2], "a", "top string")
t.is(d.freq[2], 1, "its frequency")

-- ---- iteration and tables ------------------------------------------------------------

local seen, idx = {}, {}
for row, i in df:rows() do
  seen[#seen + 1] = row
  idx[#idx + 1] = i
end
t.same(idx, { 1, 2, 3 }, "rows() yields the row numbers")
t.is(seen[2].name, "b", "rows() tables by name")
t.is(seen[2].score, nil, "missing values are nil in rows()")
t.is(seen[1].ok, true, "bool in rows()")
local tt = df:to_table()
t.same(tt.id, { 1, 2, 3 }, "to_table gives column arrays")
t.is(tt.score.n, 3, "with their length in n")
t.is(tt.score[2], nil, "and missing values as nil")
local back = frame(tt, { names = df:names() })
t.same(back:types(), df:types(), "to_table round-trips through frame()")
t.is(back.score:missing(), 1, "missing values survive the round trip")

-- ---- printing ---------------------------------------------------------------------------

local small = tostring(frame({ x = { 1, 2 }, y = { "a", NA } }, { names = { "x", "y" } }))
local lines = {}
for line in small:gmatch("[^\n]+") do lines[#lines + 1] = line end
t.same(lines, { "      x y", "  <i64> <str>", "1     1 a", "2     2 NA", "# 2 rows x 2 cols" },
  "tostring of a small frame: names, types, rows, size")

-- ---- closing -----------------------------------------------------------------------------

local kept
do
  local f <close> = frame{ x = { 1, 2 } }
  kept = f
  t.is(#f, 2, "a <close> frame works in its scope")
end
t.raises(function() return kept:ncol() end, "calling 'ncol' on bad self (frame is closed)",
  "a closed frame raises on methods")
t.raises(function() return #kept end, "frame is closed", "and on #")
t.raises(function() return kept.x end, "frame is closed", "and on column access")
t.raises(function() return df:cbind(kept) end,
  "bad argument #1 to 'cbind' (frame is closed)", "and as an argument")
t.is(tostring(kept), "lunette.Frame (closed)", "a closed frame prints as closed")
t.raises(function() return df.head(1) end,
  "bad argument #1 to 'head' (lunette.Frame expected, got number)",
  "a method called on something else names the function")

t.raises(function() df.extra = 1 end,
  "cannot assign df.extra: frames are immutable; build a new frame, e.g. df:cbind(frame{ extra = ... })",
  "assigning a column says frames are immutable and what to do")

t.done()
