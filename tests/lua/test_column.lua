-- Columns through the Lua API: indexing, operators with broadcasting,
-- comparison and logic, maths, reductions, missing values, conversion,
-- tallies, printing and closing.
local t = require "tap"

local function values(c) return c:to_table() end

local df = frame{ a = { 1, 2, 3 }, b = { 10, 20, 30 }, s = { "x", "y", "x" } }
local a, b, s = df.a, df.b, df.s
local m = frame{ m = { 1, 2, 3, 4, NA } }.m

-- ---- indexing ------------------------------------------------------------------

t.is(#m, 5, "#c")
t.is(m:type(), "i64", "type()")
t.is(m:missing(), 1, "missing()")
t.is(m[1], 1, "c[1]")
t.is(math.type(m[1]), "integer", "integers stay integers")
t.is(m[5], nil, "a missing value is nil")
t.raises(function() return m[0] end, "column: row 0 out of range 1..5", "c[0]")
t.raises(function() return m[6] end, "column: row 6 out of range 1..5", "c[#c + 1]")
t.raises(function() return m[1.5] end,
  "column: index with a row number or a method name, got number", "a fractional index")
t.is(m.nonsense, nil, "an unknown method is nil")
local tt = m:to_table()
t.same(tt, { 1, 2, 3, 4 }, "to_table values")
t.is(tt.n, 5, "to_table length in n")
t.is(tt[5], nil, "to_table missing as nil")

-- ---- arithmetic --------------------------------------------------------------------

t.same(values(a + b), { 11, 22, 33 }, "column + column")
t.same(values(a + 1), { 2, 3, 4 }, "column + number")
t.same(values(1 + a), { 2, 3, 4 }, "number + column")
t.is((a + 1):type(), "i64", "i64 + integer stays i64")
t.same(values(a * 2.5), { 2.5, 5.0, 7.5 }, "column * float")
t.is((a * 2.5):type(), "f64", "a float gives f64")
t.same(values(b - a), { 9, 18, 27 }, "column - column")
t.same(values(10 - a), { 9, 8, 7 }, "number - column")
t.same(values(a / 2), { 0.5, 1.0, 1.5 }, "i64 / i64 gives f64")
t.same(values(b % 7), { 3, 6, 2 }, "modulo")
t.same(values(frame{ v = { -7, 7 } }.v % 3), { 2, 1 }, "floored modulo as Lua")
t.same(values(a ^ 2), { 1.0, 4.0, 9.0 }, "power")
t.same(values(-a), { -1, -2, -3 }, "unary minus")
t.same(values(true + a), { 2, 3, 4 }, "a boolean counts as an integer")
t.is((m + 1)[5], nil, "missing values propagate")
t.is((a % 0)[1], nil, "integer modulo by 0 is missing")
t.is((a / 0)[1], math.huge, "f64 division by 0 is inf")
t.is((frame{ v = { math.maxinteger } }.v + 1)[1], nil, "i64 overflow is missing")
t.raises(function() return a + frame{ v = { 1, 2 } }.v end, "operator '+': ",
  "lengths 3 and 2 do not broadcast")
t.raises(function() return a + {} end,
  "operator '+': column, number, string or boolean expected, got table", "a table operand")
t.raises(function() return a * "x" end, "operator '*': ", "a string operand")
t.raises(function() return a < b end, "columns compare with methods", "< explains itself")

-- ---- comparisons and logic ------------------------------------------------------------

t.same(values(a:gt(1)), { false, true, true }, "gt")
t.is(a:gt(1):type(), "bool", "comparisons give bool")
t.same(values(a:ge(2)), { false, true, true }, "ge")
t.same(values(a:lt(2)), { true, false, false }, "lt")
t.same(values(a:le(2)), { true, true, false }, "le")
t.same(values(a:eq(b / 10)), { true, true, true }, "eq across i64 and f64")
t.same(values(a:ne(2)), { true, false, true }, "ne")
t.same(values(s:eq("x")), { true, false, true }, "eq on strings")
t.same(values(s:lt("y")), { true, false, true }, "strings compare by bytes")
t.is(m:gt(0)[5], nil, "comparing a missing value gives missing")
t.raises(function() return a:eq("x") end, "eq: ", "comparing numbers with a string")

local p, q = a:gt(1), a:lt(3)
t.same(values(p & q), { false, true, false }, "&")
t.same(values(p | q), { true, true, true }, "|")
t.same(values(~p), { true, false, false }, "~")
t.same(values(p & true), { false, true, true }, "& a boolean")
t.same(values(false | p), { false, true, true }, "a boolean | column")
t.same(values(a:gt(1) & s:eq("x")), { false, false, true }, "method calls bind tighter than &")
local three = frame{ v = { true, NA, false } }.v
t.same(values(three & false), { false, false, false }, "NA & false is false")
t.same(values(three | true), { true, true, true }, "NA | true is true")
t.is((three & true)[2], nil, "NA & true is NA")
t.raises(function() return a & p end, "operator '&': ", "& on an i64 column")

-- ---- maths ------------------------------------------------------------------------------

t.same(values(frame{ v = { 1, 4, 9 } }.v:sqrt()), { 1.0, 2.0, 3.0 }, "sqrt")
t.same(values(frame{ v = { 0, 0 } }.v:exp()), { 1.0, 1.0 }, "exp")
t.near(frame{ v = { math.exp(2) } }.v:log()[1], 2, 1e-15, "log")
t.same(values(frame{ v = { -2, 3 } }.v:abs()), { 2, 3 }, "abs keeps i64")
t.same(values(frame{ v = { 0.5, 1.5, 2.5, -0.5 } }.v:round()), { 0.0, 2.0, 2.0, -0.0 },
  "round halves to even")
t.same(values(frame{ v = { 1.25, 3.14159 } }.v:round(2)), { 1.25, 3.14 }, "round(2)")
t.same(values(frame{ v = { 1.25 } }.v:round(1)), { 1.2 }, "round(1) of 1.25")
t.is(frame{ v = { -1.0 } }.v:sqrt()[1], nil, "sqrt of a negative is missing")
t.raises(function() return a:round("x") end,
  "bad argument #1 to 'round' (number expected, got string)", "round needs a number")

-- ---- reductions -----------------------------------------------------------------------------

t.is(m:sum(), 10, "sum skips missing values")
t.is(math.type(m:sum()), "integer", "sum of i64 is an integer")
t.is(m:mean(), 2.5, "mean")
t.near(m:var(), 5 / 3, 1e-15, "var (n - 1)")
t.near(m:std(), math.sqrt(5 / 3), 1e-15, "std")
t.is(m:min(), 1, "min")
t.is(m:max(), 4, "max")
t.is(m:median(), 2.5, "median")
t.is(m:sum{ na_rm = false }, nil, "sum without na_rm is missing")
t.is(m:mean{ na_rm = false }, nil, "mean without na_rm is missing")
t.is(a:mean{ na_rm = false }, 2.0, "na_rm = false without missing values")
t.is(frame{ v = { NA, n = 1 } }.v:sum(), 0, "sum of nothing is 0")
t.is(frame{ v = { NA, n = 1 } }.v:mean(), nil, "mean of nothing is missing")
t.is(frame{ v = { true, false, true, true } }.v:mean(), 0.75, "mean of a bool column")
t.is(frame{ v = { 1.5, 2.25 } }.v:sum(), 3.75, "sum of f64")
t.is(m:quantile(0.25), 1.75, "quantile type 7")
local qs = m:quantile{ 0, 0.5, 1 }
t.is(qs:type(), "f64", "several quantiles make an f64 column")
t.same(qs:to_table(), { 1.0, 2.5, 4.0 }, "several quantiles")
t.is(m:quantile(0.5, { na_rm = false }), nil, "quantile without na_rm")
t.raises(function() m:quantile(1.5) end,
  "bad argument #1 to 'quantile' (probability between 0 and 1", "quantile above 1")
t.raises(function() m:quantile{ 0.5, "x" } end, "bad argument #1 to 'quantile'",
  "a string probability")
t.is(m:n_unique(), 4, "n_unique")
t.is(m:n_unique{ na_rm = false }, 5, "n_unique counting missing")
t.is(s:n_unique(), 2, "n_unique of strings")
t.raises(function() m:sum{ na_rm = 1 } end,
  "bad argument #1 to 'sum' (option 'na_rm': boolean expected, got number)",
  "na_rm must be a boolean")
t.raises(function() m:sum{ narm = true } end,
  "bad argument #1 to 'sum' (unknown option 'narm'; did you mean 'na_rm'?)",
  "an unknown option is named")
t.raises(function() s:sum() end, "sum: ", "sum of strings")

-- ---- missing values and conversion -------------------------------------------------------------

t.same(values(m:is_na()), { false, false, false, false, true }, "is_na")
t.same(values(m:fill_na(0)), { 1, 2, 3, 4, 0 }, "fill_na")
t.is(m:fill_na(0):missing(), 0, "nothing missing after fill_na")
local sm = frame{ v = { "p", NA, "q" } }.v
t.same(values(sm:fill_na("z")), { "p", "z", "q" }, "fill_na on strings")
t.raises(function() m:fill_na("z") end, "fill_na: ", "fill_na with another type")
t.raises(function() m:fill_na(nil) end,
  "fill_na: column, number, string or boolean expected, got nil", "fill_na with nil")

t.is(a:astype("f64"):type(), "f64", "astype f64")
t.same(values(a:astype("str")), { "1", "2", "3" }, "astype str")
t.same(values(frame{ v = { "1", "22" } }.v:astype("i64")), { 1, 22 }, "astype parses")
t.raises(function() frame{ v = { "1", "x" } }.v:astype("i64") end, "astype: ",
  "astype of an unparsable string")
local lenient = frame{ v = { "1", "x" } }.v:astype("i64", { lenient = true })
t.is(lenient[1], 1, "lenient astype converts what it can")
t.is(lenient[2], nil, "and makes the rest missing")
t.raises(function() a:astype("nope") end,
  "bad argument #1 to 'astype' (type f64, i64, bool, str, date or datetime expected, " ..
  "got 'nope')", "astype an unknown type")
local dates = frame{ d = { "2024-01-31", "2024-02-29", NA } }.d:astype("date")
t.is(dates:type(), "time", "astype date gives a time column")
t.is(dates[2], "2024-02-29", "dates read back as ISO strings")
t.is(dates:min(), "2024-01-31", "min of dates")
t.is(dates:max(), "2024-02-29", "max of dates")
t.is(dates[3], nil, "a missing date")
local dq = dates:quantile{ 0, 1 }
t.is(dq:type(), "time", "quantiles of dates are times")
t.same(dq:to_table(), { "2024-01-31", "2024-02-29" }, "quantiles of dates as ISO strings")

-- ---- tallies ----------------------------------------------------------------------------------------

local tally = frame{ v = { "x", "y", "x", NA } }.v
local counts = tally:counts()
t.same(counts:names(), { "value", "n" }, "counts columns")
t.is(#counts, 3, "counts has a row for missing values")
t.same(counts.value:to_table(), { "x", "y" }, "counts values, most frequent first")
t.is(counts.value[3], nil, "the missing row")
t.same(counts.n:to_table(), { 2, 1, 1 }, "counts n")
t.is(#tally:counts{ dropna = true }, 2, "dropna leaves missing values out")
local u = tally:unique()
t.is(#u, 3, "unique keeps missing once")
t.same(u:to_table(), { "x", "y" }, "unique in order of appearance")
t.is(u[3], nil, "the missing value last")

-- ---- printing and closing -----------------------------------------------------------------------------

t.is(tostring(m), "<i64[5]>  1  2  3  4 NA (1 NA)", "tostring shows type, length, values")

local kept
do
  local c <close> = a + 1
  kept = c
  t.is(c[1], 2, "a <close> column works in its scope")
end
t.raises(function() return kept:sum() end, "calling 'sum' on bad self (column is closed)",
  "a closed column raises on methods")
t.raises(function() return kept[1] end, "column is closed", "and on indexing")
t.raises(function() return kept + 1 end, "column is closed", "and in arithmetic")
t.is(tostring(kept), "lunette.Column (closed)", "a closed column prints as closed")
t.raises(function() return a.sum(1) end,
  "bad argument #1 to 'sum' (lunette.Column expected, got number)", "sum of a number")

t.raises(function() local c = frame{ x = { 1, 2 } }.x; c[1] = 5 end,
  "cannot assign into a column: columns are immutable", "assigning into a column raises")

local big = frame{ x = { math.maxinteger, math.mininteger, 9007199254740993 } }.x
t.is(big:sum(), 9007199254740992, "i64 sums are exact beyond 2^53")
t.is(big:max(), math.maxinteger, "i64 max is exact")
t.raises(function() return frame{ x = { math.maxinteger, 1 } }.x:sum() end,
  "sum: the sum overflows i64", "an overflowing i64 sum raises")

t.done()
