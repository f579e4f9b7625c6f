-- Joins and distinct through the Lua API: every `how`, key options,
-- suffixes, missing keys, many-to-many, errors, and df:distinct.
local t = require "tap"

-- Values of a column with missing ones as the string "NA" (no nil holes).
local function vals(df, name)
  local c, out = df:col(name), {}
  for i = 1, #c do
    local v = c[i]
    if v == nil then v = "NA" end
    out[i] = v
  end
  return out
end

local l = frame{ { "id", { 1, 2, 2, 3, NA, 5 } }, { "v", { "a", "b", "c", "d", "e", "f" } } }
local r = frame{ { "id", { 2, 3, 3, NA, 4, 2 } }, { "w", { 10, 20, 30, 40, 50, 60 } } }

-- ---- each how --------------------------------------------------------------

local j = l:join(r, { on = "id" })
t.same(j:names(), { "id", "v", "w" }, "inner: keys once, then left and right columns")
t.same(vals(j, "id"), { 2, 2, 2, 2, 3, 3, "NA" }, "inner: ids (missing matches missing)")
t.same(vals(j, "v"), { "b", "b", "c", "c", "d", "d", "e" }, "inner: left row order")
t.same(vals(j, "w"), { 10, 60, 10, 60, 20, 30, 40 }, "inner: matches in right order")
t.same(vals(l:join(r), "w"), vals(j, "w"), "no keys given: the common columns")

j = l:join(r, { on = "id", how = "left" })
t.same(vals(j, "v"), { "a", "b", "b", "c", "c", "d", "d", "e", "f" }, "left: every left row")
t.same(vals(j, "w"), { "NA", 10, 60, 10, 60, 20, 30, 40, "NA" }, "left: unmatched rows get NA")

j = l:join(r, { on = "id", how = "right" })
t.same(vals(j, "id"), { 2, 2, 3, 3, "NA", 4, 2, 2 }, "right: right row order, ids from the right")
t.same(vals(j, "v"), { "b", "c", "d", "d", "e", "NA", "b", "c" }, "right: left matches in order")

j = l:join(r, { on = { "id" }, how = "full" })
t.same(vals(j, "id"), { 1, 2, 2, 2, 2, 3, 3, 4, 5, "NA" }, "full: sorted keys, missing last")
t.same(vals(j, "w"), { "NA", 10, 60, 10, 60, 20, 30, 50, "NA", 40 }, "full: w")
t.same(vals(l:join(r, { how = "outer" }), "id"), vals(j, "id"), "how = \"outer\" is full")

j = l:join(r, { how = "semi" })
t.same(j:names(), { "id", "v" }, "semi: left columns only")
t.same(vals(j, "v"), { "b", "c", "d", "e" }, "semi: left rows with a match, once")
t.same(vals(l:join(r, { how = "anti" }), "v"), { "a", "f" }, "anti: left rows without a match")

-- ---- keys and names ---------------------------------------------------------

local r2 = frame{ { "key", { 2, 3, 9 } }, { "v", { 1.5, 2.5, 3.5 } } }
j = l:join(r2, { left_on = "id", right_on = "key", how = "left" })
t.same(j:names(), { "id", "v_x", "key", "v_y" }, "left_on/right_on keep both keys; suffixes")
t.same(vals(j, "key"), { "NA", 2, 2, 3, "NA", "NA" }, "the right key, missing where unmatched")
j = l:join(r2, { left_on = { "id" }, right_on = { "key" }, suffix = { "", "_r" } })
t.same(j:names(), { "id", "v", "key", "v_r" }, "suffix = { \"\", \"_r\" }")

local a = frame{ { "k1", { "x", "x", "y" } }, { "k2", { 1, 2, 1 } }, { "n", { 1, 2, 3 } } }
local b = frame{ { "k2", { 1, 1, 2 } }, { "k1", { "y", "x", "x" } }, { "m", { 10, 20, 30 } } }
j = a:join(b, { on = { "k1", "k2" } })
t.same(j:names(), { "k1", "k2", "n", "m" }, "two keys")
t.same(vals(j, "m"), { 20, 30, 10 }, "two keys: each row finds its pair")
t.same(vals(a:join(b, { on = { "k2", "k1" }, how = "full" }), "n"), { 1, 3, 2 },
  "full on (k2, k1): sorted by k2, then k1")

-- ---- distinct ---------------------------------------------------------------

local d = frame{ { "a", { 1, 2, 1, 1, NA, NA } }, { "b", { "x", "y", "x", "z", "x", "x" } } }
t.is(#d:distinct(), 4, "distinct(): all columns (rows 3 and 6 repeat rows 1 and 5)")
t.same(vals(d:distinct("a"), "b"), { "x", "y", "x" }, "distinct(\"a\"): first row of 1, 2, NA")
t.same(vals(d:distinct("a", "b"), "b"), { "x", "y", "z", "x" }, "distinct on two columns")
t.same(vals(d:distinct{ "b", "a" }, "a"), { 1, 2, 1, "NA" }, "an array of names")
t.same(d:distinct("b"):names(), { "a", "b" }, "all columns are kept")
t.is(#d:head(0):distinct(), 0, "distinct of an empty frame")

-- ---- errors -----------------------------------------------------------------

t.raises(function() l:join(frame{ id = { "1" } }, { on = "id" }) end,
  "join: key 'id' is i64 on the left and str on the right", "key type mismatch")
t.raises(function() l:join(frame{ id = { 1.5 } }) end,
  "join: key 'id' is i64 on the left and f64 on the right", "i64 against f64")
t.raises(function() l:join(r, { on = "idd" }) end,
  "join: key 'idd' is not a column of the left frame (did you mean 'id'?)", "unknown key")
t.raises(function() l:join(r, { how = "outr" }) end,
  "option 'how': unknown join 'outr'; did you mean 'outer'?", "unknown how")
t.raises(function() l:join(r, { hw = "left" }) end,
  "unknown option 'hw'; did you mean 'how'?", "unknown option")
t.raises(function() l:join(r, { on = "id", left_on = "id", right_on = "id" }) end,
  "give either 'on' or 'left_on' and 'right_on', not both", "on with left_on")
t.raises(function() l:join(r, { left_on = "id" }) end, "'left_on' needs 'right_on'",
  "left_on alone")
t.raises(function() l:join(a, { left_on = { "id", "v" }, right_on = "k1" }) end,
  "'left_on' names 2 keys and 'right_on' 1", "unequal key lists")
t.raises(function() l:join(r, { on = {} }) end,
  "option 'on': a non-empty array of column names expected", "an empty key list")
t.raises(function() l:join(r, { on = { "id", 2 } }) end,
  "option 'on': entry 2 is number, expected a column name", "a key that is no name")
t.raises(function() l:join(r, { on = 1 }) end,
  "option 'on': column name or array of names expected, got number", "on = number")
t.raises(function() l:join(r, { suffix = "_x" }) end,
  "option 'suffix': two strings expected", "suffix must be a pair")
t.raises(function() l:join(frame{ z = { 1 } }) end,
  "join: the frames have no column in common", "no common column")
t.raises(function() l:join(r2, { left_on = "id", right_on = "key", suffix = { "", "" } }) end,
  "join: two columns would be named 'v'", "suffixes that leave a clash")
t.raises(function() l:join(5) end, "bad argument #1 to 'join'", "join needs a frame")
t.raises(function() d:distinct("c") end, "distinct: column 'c' not found", "distinct: unknown column")
t.raises(function() d:distinct(1) end, "column name expected, got number", "distinct: a number")
t.raises(function() d:distinct({}) end, "column names expected, got an empty array",
  "distinct: an empty array")

-- ---- the telco data ---------------------------------------------------------

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local churn = read_csv(examples .. "/data/telco_churn.csv")
local plans = churn:distinct("contract", "payment_method"):select("contract", "payment_method")
t.is(#plans, 12, "telco: 3 contracts x 4 payment methods")
local back = churn:join(plans, { how = "semi" })
t.is(#back, #churn, "telco: every row finds its plan")
t.is(#churn:join(plans:head(11), { how = "anti" }) + #churn:join(plans:head(11), { how = "semi" }),
  #churn, "telco: semi and anti split the rows")
t.is(#churn:join(churn:distinct("contract"):select("contract")), #churn,
  "telco: a join on a unique key keeps the rows")

t.done()
