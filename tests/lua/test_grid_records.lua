-- The Lua the frame grid records for its actions (widgets/grid.h) runs
-- and gives the rows the grid showed.  Each line below is one that
-- tests/widgets/test_grid.c asserts the grid records, verbatim, on the
-- same data (frames built here as the C test builds them); the counts
-- and values checked are the ones the C test saw on screen.
local tap = require "tap"

tap.is(type(view), "function", "view() exists, to replay the records")
local shown
function view(x) shown = x end   -- capture what the records would show

local function run(line)
  shown = nil
  local chunk, err = load(line, "=record")
  if not chunk then return nil, err end
  local okc, e = pcall(chunk)
  if not okc then return nil, e end
  return shown
end

-- rows(line) runs a recorded line and returns its frame's row count
local function rows(line)
  local f, err = run(line)
  if not f then return "error: " .. tostring(err) end
  return #f
end

-- ---- the telco data --------------------------------------------------------

churn = read_csv(os.getenv("LUNETTE_EXAMPLES") .. "/data/telco_churn.csv")

local s = run[==[view(churn:sort"tenure")]==]
tap.same({ s.tenure[1], s.female[1], s.partner[1], s.dependents[1], s.phone_service[1] },
         { 0, 1, 1, 1, 0 }, "sort\"tenure\": the first row the grid showed")
s = run[==[view(churn:sort(desc"tenure"))]==]
tap.same({ s.tenure[1], s.female[1], s.partner[1], s.dependents[1], s.multiple_lines[1] },
         { 72, 0, 1, 0, "Yes" }, "sort(desc\"tenure\")")
tap.is(rows[==[view(churn:sort"phone_service")]==], 7043, "sort\"phone_service\"")
tap.is(rows[==[view(churn:filter"contract == 'One year'")]==], 1473, "the quick filter")
tap.is(rows[==[view(churn:filter"contract == 'One year'":filter"tenure > 12")]==], 1349,
       "filters chain")
s = run[==[view(churn:filter"contract == 'One year'":filter"tenure > 12":sort(desc"monthly_charges"))]==]
tap.ok(#s == 1349 and s.monthly_charges[1] >= s.monthly_charges[2], "a sort after filters")
s = run[==[view(churn.contract:counts())]==]
tap.same(s.n:to_table(), { 3875, 1695, 1473 }, "counts()")
s = run[==[view(churn.contract:counts():sort"n")]==]
tap.same({ s.value[1], s.n[1] }, { "One year", 1473 }, "a sorted frequency sheet")
s = run[==[view(churn.contract:counts():sort"n":filter"n > 1500")]==]
tap.same(s.n:to_table(), { 1695, 3875 }, "a filtered frequency sheet")
tap.is(rows[==[view(churn:filter"contract == 'Two year'")]==], 1695, "Enter on it")
s = run[==[view(churn:sort"streaming_movies".streaming_movies:counts())]==]
tap.is(#s, 3, "counts of a sorted frame")
tap.is(rows[==[view(churn:sort"streaming_movies":filter"is_na(total_charges)")]==], 11,
       "Enter on NA: is_na")
tap.is(rows[==[view(churn:describe())]==], 20, "describe()")
s = run[==[view(churn:filter"churn == 'Yes'":describe())]==]
tap.is(s:col"count"[1], 1869, "describe of a filtered sheet")
s = run[==[view(churn:filter"churn == 'Yes'":describe():sort(desc"mean"))]==]
tap.is(s:col"column"[1], "total_charges", "a sorted describe sheet")

-- ---- names and values that need quoting -----------------------------------

df = frame{
  { "my col", { "O'Brien \"x\"", "back\\slash", "tab\there", NA } },
  { "sort", { math.mininteger, 2, 3, 4 } },
  { "end", { 0.1, 1 / 0, -1 / 0, 1e300 } },
  { "x`y", { true, false, true, false } },
  { "and", { "1970-01-02 00:00:00", "1970-01-02 00:00:01", "1970-01-01 12:00:00",
             "1970-01-01 00:00:00" } },
}
df = df:mutate{ ["and"] = "to_datetime(`and`)" }

local one = {
  [==[view(df:filter"`my col` == 'O\\'Brien \"x\"'")]==],
  [==[view(df:filter"`my col` == 'back\\\\slash'")]==],
  [==[view(df:filter"`my col` == 'tab\\there'")]==],
  [==[view(df:filter"is_na(`my col`)")]==],
  [==[view(df:filter"sort == (-9223372036854775807 - 1)")]==],
  [==[view(df:filter"sort == 2")]==],
  [==[view(df:filter"end == 0.1")]==],
  [==[view(df:filter"end == 1/0")]==],
  [==[view(df:filter"end == -1/0")]==],
  [==[view(df:filter"end == 1e+300")]==],
  [==[view(df:filter"`and` == '1970-01-02'")]==],
  [==[view(df:filter"`and` == '1970-01-02 00:00:01'")]==],
  [==[view(df:filter"`and` == '1970-01-01 12:00:00'")]==],
}
for i, line in ipairs(one) do
  tap.is(rows(line), 1, "finds exactly its row: " .. line)
end
tap.is(rows[==[view(df:filter"`x``y` == true")]==], 2, "a backquote in a quoted name")
tap.is(rows[==[view(df:filter"`x``y` == false")]==], 2, "bool false")
for _, line in ipairs{ [==[view(df:col"my col":counts())]==], [==[view(df:col"sort":counts())]==],
                       [==[view(df:col"end":counts())]==], [==[view(df:col"x`y":counts())]==],
                       [==[view(df:col"and":counts())]==] } do
  tap.ok(type(rows(line)) == "number", "df:col for names that are not Lua names: " .. line)
end
s = run[==[view(df:sort(desc"my col"))]==]
tap.is(s:col"my col"[1], "tab\there", "a sort key with a space")
s = run[==[view(df:sort"end")]==]
tap.is(s:col"end"[1], -1 / 0, "-Inf first")

df = frame{ { "day", { "1970-01-01", NA, "1970-01-03", "1970-01-01", "2022-01-08" } } }
df = df:mutate{ day = "to_date(day)" }
tap.is(rows[==[view(df.day:counts())]==], 4, "counts of dates")
tap.is(rows[==[view(df:filter"day == '1970-01-01'")]==], 2, "a date compared with its ISO text")

t = frame{ { "tenure", { 1, 2 } }, { "while", { 1, 2 } }, { "filter", { 1, 2 } }, { "_a1", { 1, 2 } },
           { "été", { 1, 2 } } }
for _, line in ipairs{
  [==[view(t.tenure:counts())]==], [==[view(t:col"while":counts())]==],
  [==[view(t:col"filter":counts())]==], [==[view(t._a1:counts())]==],
  [==[view(t:col"été":counts())]==] } do
  tap.is(rows(line), 2, line)
end
for _, line in ipairs{
  [==[view(t:filter"tenure == 1")]==], [==[view(t:filter"while == 1")]==],
  [==[view(t:filter"filter == 1")]==], [==[view(t:filter"_a1 == 1")]==],
  [==[view(t:filter"été == 1")]==] } do
  tap.is(rows(line), 1, line)
end

-- ---- missing values, infinities, empty frames -----------------------------

m = frame{ { "none", { 0 / 0, 0 / 0, 0 / 0, 0 / 0, 0 / 0 } }, { "x", { 1.5, 1 / 0, -1 / 0, 0 / 0, 2 } } }
tap.is(rows[==[view(m.none:counts())]==], 1, "counts of an all-missing column: one row")
tap.is(rows[==[view(m:filter"is_na(none)")]==], 5, "is_na")
s = run[==[view(m:sort"x")]==]
tap.is(s.x[1], -1 / 0, "sort with infinities")
tap.is(rows[==[view(m:sort(desc"x"):filter"x == 1/0")]==], 1, "Inf as 1/0")

e = frame{ { "a", {} }, { "b", {} } }
tap.is(rows[==[view(e.a:counts())]==], 0, "counts of no rows")

tap.done()
