-- Row verbs through the Lua API: sample, split, concat, drop_na, fill_na,
-- and select/drop with glob patterns and the temporal()/of_type()
-- selectors; each with its argument errors.
local t = require "tap"

local function col(df, name) return df:col(name):to_table() end

-- id 1..10, twice = 2 * id, s = "r<id>" with every fifth missing.
local function rows(n)
  local id, twice, s = { n = n }, { n = n }, { n = n }
  for i = 1, n do
    id[i], twice[i] = i, 2.0 * i
    s[i] = i % 5 == 0 and NA or ("r" .. i)
  end
  return frame({ id = id, twice = twice, s = s }, { names = { "id", "twice", "s" } })
end

-- every row of df is a whole row of rows()
local function intact(df)
  for r in df:rows() do
    if r.twice ~= 2.0 * r.id then return false end
    local want = "r" .. r.id
    if r.id % 5 == 0 then want = nil end
    if r.s ~= want then return false end
  end
  return true
end

local function increasing(ids)
  for i = 2, #ids do if ids[i] <= ids[i - 1] then return false end end
  return true
end

local ten = rows(10)

-- ---- sample ----------------------------------------------------------------

local s = ten:sample{ n = 4, seed = 42 }
t.same(col(s, "id"), { 3, 2, 4, 8 }, "sample 4 rows, seed 42: in the order drawn")
t.ok(intact(s) and s:ncol() == 3, "sample keeps whole rows and every column")
t.same(col(ten:sample{ n = 4 }, "id"), col(ten:sample{ n = 4, seed = 1 }, "id"),
  "the default seed is 1")
t.ok(table.concat(col(ten:sample{ n = 4, seed = 2 }, "id"), ",") ~= "3,2,4,8",
  "another seed, other rows")
local perm = col(ten:sample{ n = 10, seed = 42 }, "id")
t.same(perm, { 3, 2, 4, 8, 9, 10, 5, 1, 7, 6 }, "all rows: a permutation")
t.is(#ten:sample{ frac = 0.25 }, 2, "frac 0.25 of 10: round(2.5) = 2, halves to even")
t.is(#ten:sample{ frac = 0.35 }, 4, "frac 0.35 of 10: round(3.5) = 4")
t.is(#ten:sample{ frac = 1 }, 10, "frac 1: every row")
t.is(#ten:sample{ n = 0 }, 0, "n = 0: no row")
t.is(ten:sample{ n = 0 }:ncol(), 3, "but the columns")
local boot = ten:head(3):sample{ n = 6, replace = true, seed = 42 }
t.same(col(boot, "id"), { 1, 1, 3, 3, 2, 1 }, "6 of 3 rows with replacement, seed 42")
t.ok(intact(boot), "whole rows with replacement")
t.is(#ten:sample{ frac = 2, replace = true }, 20, "frac 2 with replacement")
t.is(#ten:sample{ n = 1, seed = -5 }, 1, "a negative seed is a seed")
t.is(#ten:head(0):sample{ n = 0 }, 0, "0 rows of an empty frame")

t.raises(function() ten:sample{ n = 11 } end,
  "sample: cannot sample 11 rows from 10 without replacement", "more rows than the frame")
t.raises(function() ten:head(0):sample{ n = 1, replace = true } end,
  "sample: cannot sample 1 rows from a frame of no rows", "rows from an empty frame")
t.raises(function() ten:sample{ frac = 1.5 } end,
  "sample: frac = 1.5 is above 1; expected at most 1 without replacement", "frac above 1")
t.raises(function() ten:sample{ frac = -0.5, replace = true } end,
  "sample: frac = -0.5 is not a fraction of the rows", "a negative frac")
t.raises(function() ten:sample{} end,
  "bad argument #1 to 'sample' (option n or frac expected)", "neither n nor frac")
t.raises(function() ten:sample{ n = 1, frac = 0.5 } end,
  "bad argument #1 to 'sample' (give n or frac, not both)", "both n and frac")
t.raises(function() ten:sample{ n = -1 } end,
  "option 'n': non-negative number of rows expected", "a negative n")
t.raises(function() ten:sample{ n = 1.5 } end, "option 'n': integer expected", "a fractional n")
t.raises(function() ten:sample{ frac = "half" } end, "option 'frac': number expected, got string",
  "frac a string")
t.raises(function() ten:sample{ n = 1, replace = 1 } end, "option 'replace': boolean expected",
  "replace a number")
t.raises(function() ten:sample{ n = 1, seed = 1.5 } end, "option 'seed': integer expected",
  "a fractional seed")
t.raises(function() ten:sample{ nn = 1 } end, "unknown option 'nn'; did you mean 'n'?",
  "a misspelt option")
t.raises(function() ten:sample(3) end,
  "bad argument #1 to 'sample' (options table { n = | frac = } expected, got number)",
  "a number instead of options")

-- ---- split -----------------------------------------------------------------

local train, test = ten:split{ seed = 42 }
t.is(#train, 8, "split: the default frac 0.8 gives 8 of 10 rows to train")
t.is(#test, 2, "and 2 to test")
local ids = {}
for _, side in ipairs{ train, test } do
  for _, v in ipairs(col(side, "id")) do ids[#ids + 1] = v end
end
table.sort(ids)
t.same(ids, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, "train and test partition the rows")
t.ok(increasing(col(train, "id")) and increasing(col(test, "id")), "both keep the frame's order")
t.ok(intact(train) and intact(test), "whole rows")
train, test = ten:split{ frac = 0.7, seed = 42 }
t.same(col(train, "id"), { 2, 3, 4, 5, 8, 9, 10 }, "frac 0.7, seed 42: the train rows")
t.same(col(test, "id"), { 1, 6, 7 }, "and the test rows")
local again = ten:split{ frac = 0.7, seed = 42 }
t.same(col(again, "id"), col(train, "id"), "same seed, same split")
local one_tr, one_te = ten:head(2):split{ frac = 0.1 }
t.ok(#one_tr == 1 and #one_te == 1, "2 rows: one row each side, whatever frac")

local y = { "a", "b", "a", NA, "b", "a", "a", "b", "a", NA,
            "a", "b", "a", "a", "b", "a", "b", NA, "a", "b", n = 20 }
local strat = rows(20):cbind(frame{ y = y })
train, test = strat:split{ frac = 0.7, stratify = "y", seed = 7 }
local function tally(df)
  local c = { a = 0, b = 0, na = 0 }
  for r in df:rows() do local k = r.y or "na"; c[k] = c[k] + 1 end
  return c.a .. "/" .. c.b .. "/" .. c.na
end
t.is(tally(train), "7/5/2", "stratified: a 7 of 10, b round(4.9) = 5 of 7, missing 2 of 3")
t.is(tally(test), "3/2/1", "and the rest to test")
t.same(col(train, "id"), { 1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 18, 20 },
  "seed 7: the train rows")
t.ok(increasing(col(test, "id")), "test in the frame's order")

t.raises(function() ten:split{ frac = 1 } end,
  "split: frac = 1 is outside (0, 1); expected the fraction of rows for train, such as 0.8",
  "frac 1")
t.raises(function() ten:split{ frac = 0 } end, "split: frac = 0 is outside (0, 1)", "frac 0")
t.raises(function() ten:head(0):split() end, "split: cannot split a frame of no rows",
  "an empty frame")
t.raises(function() strat:split{ stratify = "yy" } end,
  "split: column 'yy' not found (did you mean 'y'?)", "an unknown stratify column")
t.raises(function() strat:split{ stratify = 1 } end, "option 'stratify': string expected",
  "stratify a number")
t.raises(function() strat:split{ fracc = 0.5 } end,
  "unknown option 'fracc'; did you mean 'frac'?", "a misspelt option")

-- ---- concat ----------------------------------------------------------------

local a = frame({ id = { 1, 2 }, s = { "x", NA } }, { names = { "id", "s" } })
local b = frame({ s = { "y", "x" }, id = { 2.5, NA }, extra = { true, NA } },
                { names = { "s", "id", "extra" } })
local ab = a:concat(b)
t.same(ab:names(), { "id", "s", "extra" }, "concat: names in the order of first appearance")
t.same(ab:types(), { "f64", "str", "bool" }, "i64 with f64 gives f64")
t.same(col(ab, "id"), { 1.0, 2.0, 2.5, nil, n = 4 }, "ids: 1 2 2.5 NA")
t.same(col(ab, "s"), { "x", nil, "y", "x", n = 4 }, "strings merged: x NA y x")
local extra = col(ab, "extra")
t.ok(extra[1] == nil and extra[2] == nil and extra[3] == true and extra[4] == nil,
  "a column absent from a frame is missing on its rows")
t.is(#a:concat(b, a, b), 8, "several frames")
t.is(#a:concat(), 2, "no other frame: df's rows")
t.same(col(frame{ v = { true } }:concat(frame{ v = { 5 } }), "v"), { 1, 5 }, "bool with i64: i64")
local dates = frame{ d = { "2024-01-01" } }.d:astype("date")
local stamps = frame{ d = { "2024-01-02 10:30:00" } }.d:astype("datetime")
local dd = frame{ d = dates }:concat(frame{ d = stamps })
t.same(col(dd, "d"), { "2024-01-01 00:00:00", "2024-01-02 10:30:00", n = 2 },
  "date with datetime gives datetime")
t.raises(function() a:concat(frame{ s = { 1 } }) end,
  "concat: column 's' is str in frame 1 and i64 in frame 2; expected one type, numbers or times",
  "a type mix names the column, the types and the frames")
t.raises(function() frame{ d = dates }:concat(a, frame{ d = { true } }) end,
  "concat: column 'd' is date in frame 1 and bool in frame 3", "frames are numbered from df")
t.raises(function() a:concat(5) end,
  "bad argument #1 to 'concat' (lunette.Frame expected, got number)", "a number")
t.raises(function() a:concat(b, {}) end,
  "bad argument #2 to 'concat' (lunette.Frame expected, got table)", "a table")

-- ---- drop_na ---------------------------------------------------------------

local m = frame({ a = { 1, NA, 3, 4, 5 }, b = { 0 / 0, 2, 3, 4, 5 },
                  s = { "x", "y", NA, "z", "w" } }, { names = { "a", "b", "s" } })
t.same(col(m:drop_na(), "a"), { 4, 5, n = 2 }, "drop_na(): rows complete in every column")
t.same(col(m:drop_na("a"), "a"), { 1, 3, 4, 5, n = 4 }, "drop_na(name)")
t.same(col(m:drop_na("s", "a"), "a"), { 1, 4, 5, n = 3 }, "drop_na(names)")
t.same(col(m:drop_na{ "b" }, "a"), { nil, 3, 4, 5, n = 4 }, "drop_na{ names }: NaN is missing")
t.same(col(m:drop_na(numeric()), "a"), { 3, 4, 5, n = 3 }, "drop_na(numeric())")
t.same(col(m:drop_na("?"), "a"), { 4, 5, n = 2 }, "drop_na(pattern)")
t.is(#m:drop_na(temporal()), 5, "a selector that picks no column drops nothing")
t.is(#m:head(0):drop_na(), 0, "an empty frame")
t.raises(function() m:drop_na("aa") end, "drop_na: column 'aa' not found (did you mean 'a'?)",
  "an unknown column")
t.raises(function() m:drop_na("z*") end, "drop_na: pattern 'z*' matches no column",
  "a pattern that matches nothing")
t.raises(function() m:drop_na(1) end,
  "bad argument #1 to 'drop_na' (column name, pattern, selector or a table of them expected, " ..
  "got number)", "a number")

-- ---- fill_na ---------------------------------------------------------------

local filled = m:fill_na{ a = 0, s = "?" }
t.same(col(filled, "a"), { 1, 0, 3, 4, 5 }, "fill_na{ a = 0 }")
t.same(col(filled, "s"), { "x", "y", "?", "z", "w" }, "fill_na{ s = \"?\" }")
t.is(col(filled, "b")[1], nil, "an unnamed column is left as it is")
t.same(filled:types(), { "i64", "f64", "str" }, "types kept")
t.same(m:fill_na{ a = 0.5 }:types(), { "f64", "f64", "str" },
  "an i64 column filled with 0.5 becomes f64")
t.same(col(m:fill_na(0), "b"), { 0.0, 2.0, 3.0, 4.0, 5.0 }, "fill_na(0) fills f64")
t.same(col(m:fill_na(0), "a"), { 1, 0, 3, 4, 5 }, "and i64")
t.is(col(m:fill_na(0), "s")[3], nil, "but not str")
t.same(m:fill_na(0.5):types(), { "f64", "f64", "str" }, "fill_na(0.5): a with missing, now f64")
t.same(m:drop_na("a"):fill_na(0.5):types(), { "i64", "f64", "str" },
  "an i64 column without missing values is not converted")
t.same(col(m:fill_na("-"), "s"), { "x", "y", "-", "z", "w" }, "fill_na(string) fills str")
t.is(col(m:fill_na("-"), "a")[2], nil, "and not numbers")
local flags = frame{ f = { true, NA }, g = { 1, NA } }
t.same(col(flags:fill_na(false), "f"), { true, false }, "fill_na(boolean) fills bool")
t.is(col(flags:fill_na(0), "f")[2], nil, "a number does not fill bool")
t.same(col(flags:fill_na{ f = false }, "f"), { true, false }, "fill_na{ f = false }")
t.same(col(m:fill_na{ a = m.a:max() }, "a"), { 1, 5, 3, 4, 5 }, "a value from a reduction")
local days = frame{ d = frame{ d = { "2024-01-01", NA } }.d:astype("date"), x = { 1, NA } }
t.same(col(days:fill_na{ d = "2024-02-01" }, "d"), { "2024-01-01", "2024-02-01" },
  "a string fills a date column as a date")
t.is(days:fill_na{ d = "2024-02-01" }.d:type(), "time", "still a time column")
t.same(col(days:fill_na(dates), "d"), { "2024-01-01", "2024-01-01" },
  "a length-1 time column fills time columns")
t.same(col(days:fill_na(dates), "x"), { 1, nil, n = 2 }, "and only them")

t.raises(function() m:fill_na{ aa = 0 } end, "fill_na: column 'aa' not found (did you mean 'a'?)",
  "an unknown column")
t.raises(function() m:fill_na{ s = 0 } end,
  "fill_na: column 's': cannot fill a str column with a i64 value; expected str",
  "a value of the wrong type")
t.raises(function() days:fill_na{ d = "soon" } end,
  "fill_na: column 'd': 'soon' is not a date or datetime (expected ISO 8601, such as " ..
  "2024-01-31 or 2024-01-31 13:45:00)", "a string that is no date")
t.raises(function() m:fill_na{ a = {} } end,
  "fill_na: column 'a': a number, string, boolean or column of length 1 expected, got table",
  "a table value")
t.raises(function() m:fill_na{ a = m.a } end,
  "fill_na: column 'a': a number, string, boolean or column of length 1 expected, got a " ..
  "column of 5 values", "a long column")
t.raises(function() m:fill_na(NA) end,
  "bad argument #1 to 'fill_na' (a number, string, boolean, column of length 1 or table " ..
  "{ column = value } expected, got lunette.NA)", "NA as the value")
t.raises(function() m:fill_na{ [1] = 0 } end,
  "bad argument #1 to 'fill_na' (table { column = value } expected, got a number key)",
  "an array instead of names")
t.raises(function() m:fill_na() end,
  "bad argument #1 to 'fill_na' (value or table { column = value } expected, got no value)",
  "no value")
t.raises(function() m:fill_na(true) end,
  "fill_na: no column of the frame takes a boolean (bool columns)", "no column takes the value")
t.raises(function() flags:fill_na("x") end,
  "fill_na: no column of the frame takes a string (str columns)", "no str column")

-- ---- select and drop: patterns and selectors ---------------------------------

local w = frame({ total_charges = { 1.5 }, monthly_charges = { 2.5 }, tenure = { 3 },
                  gender = { "f" }, ["a*b"] = { 1 }, ab = { 2 }, axb = { 3 },
                  ["é"] = { 4 }, day = dates, stamp = stamps },
                { names = { "total_charges", "monthly_charges", "tenure", "gender",
                            "a*b", "ab", "axb", "é", "day", "stamp" } })
t.same(w:select("*_charges"):names(), { "total_charges", "monthly_charges" }, "select '*_charges'")
t.same(w:select("total_*"):names(), { "total_charges" }, "select 'total_*'")
t.same(w:select("?ender"):names(), { "gender" }, "? matches one character")
t.same(w:select("?"):names(), { "é" }, "? matches one UTF-8 character, not one byte")
t.same(w:select("a*b"):names(), { "a*b" }, "a name that exists wins over the pattern")
t.same(w:select("a?b"):names(), { "a*b", "axb" }, "a pattern with ?")
t.same(w:select("t*", "tenure"):names(), { "total_charges", "tenure" },
  "a pattern then a name it already matched")
t.same(w:select("*e*r*"):names(), { "tenure", "gender" }, "several stars backtrack")
t.same(w:select{ "gender", "*_charges" }:names(), { "gender", "total_charges", "monthly_charges" },
  "patterns in a table")
t.same(w:drop("*_charges", "a*", "é", "day", "stamp"):names(), { "tenure", "gender" },
  "drop patterns")
t.same(w:select(temporal()):names(), { "day", "stamp" }, "temporal(): time columns")
t.same(w:select(of_type("str")):names(), { "gender" }, "of_type(\"str\")")
t.same(w:select(of_type("date")):names(), { "day" }, "of_type(\"date\"): dates only")
t.same(w:select(of_type("datetime")):names(), { "stamp" }, "of_type(\"datetime\")")
t.same(w:select(of_type("time")):names(), { "day", "stamp" }, "of_type(\"time\"): both kinds")
t.same(w:select(of_type("int", "string")):names(),
  { "tenure", "gender", "a*b", "ab", "axb", "é" },
  "of_type with several types and aliases")
t.same(w:drop(of_type("f64"), temporal()):names(), { "tenure", "gender", "a*b", "ab", "axb", "é" },
  "drop selectors")
t.is(tostring(temporal()), "temporal()", "temporal() prints as its call")
t.is(tostring(of_type("str", "date")), 'of_type("str", "date")', "of_type prints as its call")
t.raises(function() w:select("x*") end, "select: pattern 'x*' matches no column",
  "a pattern that matches nothing")
t.raises(function() w:drop("*_id") end, "drop: pattern '*_id' matches no column",
  "drop a pattern that matches nothing")
t.raises(function() w:select("tenur") end,
  "select: column 'tenur' not found (did you mean 'tenure'?)",
  "an unknown name still suggests")
t.raises(function() of_type("number") end,
  "bad argument #1 to 'of_type' (type f64, i64, bool, str, date or datetime expected, got " ..
  "'number')", "an unknown type")
t.raises(function() of_type() end,
  "bad argument #1 to 'of_type' (type name expected, got no value)",
  "of_type without a type")

t.done()
