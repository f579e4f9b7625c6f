-- Reshaping through the Lua API: pivot_longer, pivot_wider and crosstab
-- on small frames, their options, defaults and argument errors.
local t = require "tap"

local function col(df, name) return df:col(name):to_table() end

-- ---- pivot_longer ----------------------------------------------------------------

local wide = frame{ { "id", { "p", "q" } }, { "a", { 1.5, NA } }, { "b", { 3, 4 } },
                    { "s", { "x", "y" } } }

local long = wide:pivot_longer{ cols = { "a", "b" } }
t.same(long:names(), { "id", "s", "name", "value" }, "longer: ids, then name and value")
t.same(col(long, "id"), { "p", "p", "q", "q" }, "longer: ids repeated row by row")
t.same(col(long, "name"), { "a", "b", "a", "b" }, "longer: names in the order of cols")
local v = col(long, "value")
t.ok(v[1] == 1.5 and v[2] == 3 and v[3] == nil and v[4] == 4 and v.n == 4,
  "longer: values, a missing one kept")
t.is(long.value:type(), "f64", "longer: f64 with i64 gives f64")
t.same(wide:pivot_longer{ cols = { "b", "a" } }:col("name"):to_table(), { "b", "a", "b", "a" },
  "longer: cols order is kept")

local sel = wide:pivot_longer{ cols = numeric(), names_to = "k", values_to = "x" }
t.same(sel:names(), { "id", "s", "k", "x" }, "longer: a selector, names_to and values_to")
local one = wide:pivot_longer{ cols = "b" }
t.same(col(one, "value"), { 3, 4 }, "longer: a single name")
t.is(one.value:type(), "i64", "longer: one i64 column stays i64")
local strs = wide:pivot_longer{ cols = nominal() }
t.same(col(strs, "value"), { "p", "x", "q", "y" }, "longer: strings from two columns")
t.is(#frame{ a = { n = 0 }, b = { n = 0 } }:pivot_longer{ cols = "a" }, 0,
  "longer: an empty frame")

t.raises(function() wide:pivot_longer{ cols = { "a", "s" } } end,
  "pivot_longer: cannot stack number column 'a' with str column 's' into one value column; " ..
  "pivot them separately or convert one with astype", "longer: numbers with strings")
t.raises(function() wide:pivot_longer{} end,
  "bad argument #1 to 'pivot_longer' (option 'cols' (the columns to stack) is required)",
  "longer: cols is required")
t.raises(function() wide:pivot_longer{ cols = "bb" } end,
  "pivot_longer: column 'bb' not found (did you mean 'b'?)", "longer: an unknown column")
t.raises(function() wide:pivot_longer{ cols = { 1 } } end,
  "column name, pattern, selector or a table of them expected, got number",
  "longer: a number in cols")
t.raises(function() wide:pivot_longer{ cols = "a", name_to = "k" } end,
  "unknown option 'name_to'; did you mean 'names_to'?", "longer: a misspelt option")
t.raises(function() wide:pivot_longer{ cols = "a", names_to = "id" } end,
  "pivot_longer: names_to = 'id' is also the name of an id column; choose another name",
  "longer: names_to clashes with an id")
t.raises(function() wide:pivot_longer("a") end,
  "bad argument #1 to 'pivot_longer' (table expected, got string)", "longer: not a table")
t.raises(function() wide:pivot_longer{ cols = {} } end,
  "pivot_longer: no columns to stack", "longer: an empty cols")

-- ---- pivot_wider -----------------------------------------------------------------

local tall = frame{ { "id", { "u", "u", "v", "w" } }, { "k", { "y", "x", "x", NA } },
                    { "v", { 1, 2, 3, 4 } }, { "w", { 0.5, 1.5, 2.5, 3.5 } } }

local w = tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = "v" }
t.same(w:names(), { "id", "x", "y", "NA" }, "wider: keys sorted, missing last as NA")
t.same(col(w, "id"), { "u", "v", "w" }, "wider: one row per id")
local x = col(w, "x")
t.ok(x[1] == 2 and x[2] == 3 and x[3] == nil, "wider: cells, an empty one missing")
t.is(w.x:type(), "i64", "wider: i64 values stay i64")
t.same(col(w, "NA"), { nil, nil, 4, n = 3 }, "wider: the column of the missing key")

local filled = tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = "v", fill = 0 }
t.same(col(filled, "y"), { 1, 0, 0 }, "wider: fill")
t.is(tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = "v",
                       fill = 0.5 }.y:type(), "f64", "wider: a f64 fill makes f64")
t.is(tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = "v",
                       fill = NA }.y:missing(), 2, "wider: fill = NA leaves cells missing")
t.raises(function()
  tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = "v", fill = "none" }
end, "pivot_wider: fill is str, which does not fit the i64 values of 'v'", "wider: fill type")

local two = tall:pivot_wider{ id_cols = "id", names_from = "k", values_from = { "v", "w" } }
t.same(two:names(), { "id", "v_x", "v_y", "v_NA", "w_x", "w_y", "w_NA" },
  "wider: two value columns, named value_key")

local others = tall:pivot_wider{ names_from = "k", values_from = "v" }
t.same(others:names(), { "id", "w", "x", "y", "NA" }, "wider: default ids are the others")
t.is(#others, 4, "wider: one row per (id, w)")
t.raises(function() tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v" } end,
  "pivot_wider: 2 rows have k = 'x' and there are no id columns; give agg = 'mean'",
  "wider: duplicates are an error")
local nd = tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v", agg = "sum" }
t.same(nd:names(), { "x", "y", "NA" }, "wider: no ids, agg")
t.same(col(nd, "x"), { 5 }, "wider: agg = sum")
t.is(tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v",
                       agg = "mean" }.x[1], 2.5, "wider: agg = mean")
t.is(tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v",
                       agg = "count" }.x[1], 2, "wider: agg = count")
t.is(tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v",
                       agg = "first" }.x[1], 2, "wider: agg = first")
t.is(tall:pivot_wider{ id_cols = {}, names_from = "k", values_from = "v",
                       agg = "max" }.x[1], 3, "wider: agg = max")

t.raises(function() tall:pivot_wider{ names_from = "k", values_from = "v", agg = "meen" } end,
  "option 'agg': unknown function 'meen' (did you mean 'mean'?)", "wider: an unknown agg")
t.raises(function() tall:pivot_wider{ names_from = "k", values_from = "v", agg = "abs" } end,
  "option 'agg': 'abs' is not an aggregate of one column", "wider: a map is no agg")
t.raises(function() tall:pivot_wider{ values_from = "v" } end,
  "option 'names_from' (the column of new names) is required", "wider: names_from required")
t.raises(function() tall:pivot_wider{ names_from = "k" } end,
  "option 'values_from' (the column of values) is required", "wider: values_from required")
t.raises(function() tall:pivot_wider{ names_from = "kk", values_from = "v" } end,
  "pivot_wider: column 'kk' not found (did you mean 'k'?)", "wider: an unknown key column")
t.raises(function() tall:pivot_wider{ names_from = "k", values_from = "k" } end,
  "pivot_wider: column 'k' is names_from and a value column", "wider: one column, two roles")
t.raises(function()
  frame{ { "x", { "a" } }, { "k", { "x" } }, { "v", { 1 } } }
    :pivot_wider{ names_from = "k", values_from = "v" }
end, "pivot_wider: new column 'x' (from v) has the name of an id column", "wider: a clash")

-- ---- crosstab --------------------------------------------------------------------

local pairs_df = frame{ { "a", { "x", "y", "x", "x", NA, "y" } },
                        { "b", { "p", "q", "q", "p", "p", NA } } }
local ct = crosstab(pairs_df.a, pairs_df.b)
t.same(ct:names(), { "a", "p", "q" }, "crosstab: first column a, then the values of b")
t.same(col(ct, "a"), { "x", "y" }, "crosstab: rows sorted, missing dropped")
t.same(col(ct, "p"), { 2, 0 }, "crosstab: counts")
t.is(ct.p:type(), "i64", "crosstab: counts are i64")

local m = pairs_df:crosstab("b", "a", { margins = true })
t.same(m:names(), { "b", "x", "y", "All" }, "df:crosstab names the first column, margins")
t.same(col(m, "b"), { "p", "q", "All" }, "crosstab: the All row")
t.same(col(m, "All"), { 2, 2, 4 }, "crosstab: the All column")
t.same(col(crosstab(pairs_df.a, pairs_df.b, { name = "grp" }), "grp"), { "x", "y" },
  "crosstab: opts.name")

local shares = crosstab(pairs_df.a, pairs_df.b, { normalize = true })
t.same(col(shares, "q"), { 0.25, 0.25 }, "crosstab: normalize = true is all")
t.same(col(crosstab(pairs_df.a, pairs_df.b, { normalize = "columns" }), "p"), { 1.0, 0.0 },
  "crosstab: normalize = columns")
local idx = crosstab(pairs_df.a, pairs_df.b, { normalize = "index", margins = true })
t.same(idx:names(), { "a", "p", "q" }, "crosstab: normalize = index keeps the All row only")
t.same(col(idx, "p"), { 2 / 3, 0.0, 0.5 }, "crosstab: row shares, then column shares")
t.same(col(crosstab(pairs_df.a, pairs_df.b, { normalize = false }), "p"), { 2, 0 },
  "crosstab: normalize = false")

t.raises(function() crosstab(pairs_df.a, pairs_df.b, { normalize = "rows" }) end,
  "option 'normalize': false, true, \"all\", \"index\" or \"columns\" expected, got 'rows'",
  "crosstab: a bad normalize")
t.raises(function() crosstab(pairs_df.a, "b") end,
  "bad argument #2 to 'crosstab' (lunette.Column expected, got string)",
  "crosstab: a column expected")
t.raises(function() crosstab(pairs_df.a, frame{ z = { 1 } }.z) end,
  "crosstab: the two columns differ in length (6 and 1 values)", "crosstab: lengths")
t.raises(function() pairs_df:crosstab("a", "bb") end,
  "crosstab: column 'bb' not found (did you mean 'b'?)", "df:crosstab: an unknown column")
t.raises(function() crosstab(pairs_df.a, pairs_df.b, { margin = true }) end,
  "unknown option 'margin'; did you mean 'margins'?", "crosstab: a misspelt option")

t.done()
