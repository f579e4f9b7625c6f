-- Expressions and the verbs that evaluate them: filter, mutate, sort,
-- group_by with agg / mutate / filter / count, on small frames with
-- results worked out by hand.
local t = require "tap"

local function vals(df, name) return df:col(name):to_table() end

local df = frame{
  { "id", { 1, 2, 3, 4, 5, 6 } },
  { "g", { "a", "b", "a", NA, "b", "a" } },
  { "x", { 10, 20, NA, 40, 50, 60 } },
  { "y", { 1.5, 2.5, 3.5, 4.5, NA, 6.5 } },
  { "ok", { true, false, true, NA, false, true } },
}

-- ---- expressions -----------------------------------------------------------

t.is(tostring(col"x"), "expr: x", "col prints as its string form")
t.is(tostring(col"x":gt(12) & col"g":ne("a")), "expr: x > 12 and g ~= 'a'",
     "methods and & build one tree")
t.is(tostring(-col"x" + 1), "expr: -x + 1", "unary minus and +")
t.is(tostring((col"x" + 1) * 2), "expr: (x + 1) * 2", "parentheses only where needed")
t.is(tostring(~col"ok"), "expr: not ok", "~ is not")
t.is(tostring(col"total charges"), "expr: `total charges`", "names that are no identifiers are quoted")
t.raises(function() return col"x" < 3 end, "use the methods :lt", "< on expressions explains the methods")
t.raises(function() return col"x":meen() end, "did you mean 'mean'", "unknown method suggests")

-- the same comparison methods work eagerly on columns
t.same(df.x:gt(15):to_table(), { false, true, nil, true, true, true }, "column:gt is a bool column")
t.same(df.g:is_in{ "b", NA }:to_table(), { false, true, false, true, true, false },
       "is_in on a column; a missing value is in a set holding NA")
t.same(df.x:between(20, 50):to_table(), { false, true, nil, true, true, false }, "between is inclusive")
t.same(when(df.ok, "yes", "no"):to_table(), { "yes", "no", "yes", "no", "no", "yes" },
       "when on columns computes at once; a missing condition counts as false")

-- ---- filter ----------------------------------------------------------------

t.same(vals(df:filter(col"x":gt(15) & col"g":eq("b")), "id"), { 2, 5 }, "filter with an expression")
t.same(vals(df:filter"x > 15 and g == 'b'", "id"), { 2, 5 }, "the same filter as a string")
t.same(vals(df:filter(col"x":gt(15)), "id"), { 2, 4, 5, 6 }, "missing conditions drop the row")
t.same(vals(df:filter(df.ok), "id"), { 1, 3, 6 }, "filter by a bool column")
t.same(vals(df:filter"x == nil", "id"), { 3 }, "x == nil tests for missing")
t.same(vals(df:filter"g ~= nil and not ok", "id"), { 2, 5 }, "not and ~= nil")
t.same(vals(df:filter(col"x":gt(col"x":mean())), "id"), { 4, 5, 6 },
       "an aggregate inside filter is broadcast (mean 36)")
t.same(vals(df:filter"x:is_in({10, 40})", "id"), { 1, 4 }, "method call and list in strings")
t.is(#df:filter"x > 1000", 0, "no row matches: an empty frame")
t.is(df:filter"x > 1000":ncol(), 5, "with every column")
t.raises(function() return df:filter"x + 1" end, "x + 1 gives i64; expected a bool condition",
         "filter needs a bool")
t.raises(function() return df:filter"g > 'a' and x > 'z'" end,
         "x > 'z': cannot compare i64 with str", "a type error names the failing expression once")
t.raises(function() return df:filter"xx > 1" end, "column 'xx' not found (did you mean 'x'?)",
         "unknown column with a suggestion")
t.raises(function() return df:filter"x > and y" end, "syntax error at column 5", "syntax error column")
t.raises(function() return df:filter(frame{ b = { true } }.b) end, "bool column of the frame's length",
         "a mask of the wrong length")

-- ---- mutate ----------------------------------------------------------------

local m = df:mutate{ z = col"x" * 2, x = col"x" + 1, w = "y / 2" }
t.same(m:names(), { "id", "g", "x", "y", "ok", "w", "z" },
       "replaced columns keep their place; new ones follow by name")
t.same(vals(m, "x"), { 11, 21, nil, 41, 51, 61 }, "x replaced")
t.same(vals(m, "z"), { 20, 40, nil, 80, 100, 120 }, "z sees the input x, not the new one")
t.same(vals(m, "w"), { 0.75, 1.25, 1.75, 2.25, nil, 3.25 }, "strings are parsed")
local ordered = df:mutate{ { "b2", col"id" * 2 }, { "a2", col"id" + 0.5 } }
t.same(ordered:names(), { "id", "g", "x", "y", "ok", "b2", "a2" }, "{name, expr} entries keep their order")
t.same(vals(df:mutate("label", lit"k"), "label"), { "k", "k", "k", "k", "k", "k" },
       "mutate(name, expr) and a literal string broadcast")
t.same(vals(df:mutate{ c = "x - mean(x)" }, "c"), { -26, -16, nil, 4, 14, 24 },
       "an aggregate in mutate repeats over the rows")
t.same(vals(df:mutate{ band = when(col"x":lt(30), "low", col"x":lt(55), "mid", "high") }, "band"),
       { "low", "low", "high", "mid", "mid", "high" }, "when with several branches")
t.raises(function() return df:mutate{ { "a", 1 }, { "a", 2 } } end, "the name 'a' is given twice",
         "duplicate output names")
t.raises(function() return df:mutate{ bad = col"g" * 2 } end, "g * 2:", "mutate type error")

-- ---- sort ------------------------------------------------------------------

t.same(vals(df:sort("g", desc"x"), "id"), { 6, 1, 3, 5, 2, 4 },
       "multi-key sort; missing values last, also under desc")
t.same(vals(df:sort{ "g", desc("x") }, "id"), { 6, 1, 3, 5, 2, 4 }, "keys as a table")
t.same(vals(df:sort(desc"y"), "id"), { 6, 4, 3, 2, 1, 5 }, "desc with a missing value last")
t.same(vals(df:sort(col"x" % 20), "id"), { 2, 4, 6, 1, 5, 3 }, "an expression as key, stable ties")
local files = frame{ f = { "a10", "a2", "a1" } }
t.same(vals(files:sort("f"), "f"), { "a1", "a10", "a2" }, "strings by byte order")
t.same(vals(files:sort("f", { natural = true }), "f"), { "a1", "a2", "a10" }, "natural order")
t.raises(function() return df:sort("gg") end, "column 'gg' not found", "sort by an unknown column")

-- ---- group_by --------------------------------------------------------------

local a = df:group_by("g"):agg{ n = count(), sx = col"x":sum(), my = col"y":mean() }
t.same(vals(a, "g"), { "a", "b", nil }, "groups in key order, missing last")
t.same(vals(a, "n"), { 3, 2, 1 }, "count()")
t.same(vals(a, "sx"), { 70, 70, 40 }, "sum skips missing values")
t.same(vals(a, "my"), { 3.8333333333333335, 2.5, 4.5 }, "mean")
local s = df:group_by("g"):agg{ rate = "mean(x > 15)" }
t.same(vals(s, "rate"), { 0.5, 1, 1 }, "string form aggregate of a comparison")
t.same(vals(df:count("g"), "n"), { 3, 2, 1 }, "df:count")
t.same(df:group_by("g", "ok"):count():names(), { "g", "ok", "n" }, "two keys and n")
t.same(vals(df:group_by("g", "ok"):count(), "n"), { 3, 2, 1 }, "counts of (a, true), (b, false), (NA, NA)")
t.same(vals(df:group_by("g"):mutate{ d = col"x" - col"x":mean() }, "d"),
       { -25, -15, nil, 0, 15, 25 }, "grouped mutate broadcasts per group")
t.same(vals(df:group_by("g"):filter"x >= max(x)", "id"), { 4, 5, 6 }, "grouped filter")
t.is(df:agg{ n = count() }.n[1], 6, "ungrouped agg gives one row")
t.raises(function() return df:group_by("g"):agg{ bad = col"x" } end,
         "x: gives one value per row", "agg needs aggregates")
t.raises(function() return df:group_by("g"):agg{ g = count() } end, "is a group key", "name clash with a key")
t.raises(function() return df:group_by("q") end, "column 'q' not found", "unknown key")
t.ok(tostring(df:group_by("g")):find("# groups: g (3 groups)", 1, true), "grouped frames print their groups")
local empty = df:filter"x > 1000"
t.is(#empty:group_by("g"):agg{ n = count() }, 0, "an empty frame has no groups")
t.is(empty:agg{ n = count(), s = col"x":sum() }.n[1], 0, "ungrouped agg of nothing: count 0")

local byexpr = df:group_by(col"x" % 20):agg{ n = count() }
t.same(byexpr:names(), { "x % 20", "n" }, "an expression key is named by its string form")
t.same(vals(byexpr, "n"), { 3, 2, 1 }, "and groups by its values (0, 10, missing)")
t.same(vals(df:count(col"g":upper()), "upper(g)"), { "A", "B", nil }, "count by an expression")

t.raises(function() return df:fitler"x > 1" end, "no column or method 'fitler' (did you mean the method 'filter'?)",
         "a misspelt verb suggests the method")

t.done()
