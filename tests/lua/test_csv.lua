-- CSV through the Lua API: read_csv options on small files written here,
-- write_csv round trips, errors, and the bundled telco churn data
-- (expected values from pandas 2: read_csv(...).shape, .isna().sum() ...).
local t = require "tap"

local tmpfiles = {}
local function tmpfile(text)
  local path = os.tmpname()
  tmpfiles[#tmpfiles + 1] = path
  if text then
    local f = assert(io.open(path, "wb"))
    f:write(text)
    f:close()
  end
  return path
end
local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- ---- reading --------------------------------------------------------------------

local basic = tmpfile("id,name,score,day\n1,ann,0.5,2024-01-31\n2,bob,,2024-02-29\n3,NA,2,\n")
local df = read_csv(basic)
t.is(#df, 3, "rows")
t.same(df:names(), { "id", "name", "score", "day" }, "names from the header")
t.same(df:types(), { "i64", "str", "f64", "time" }, "types inferred")
t.is(df.name[3], nil, "NA is missing by default")
t.is(df.score[2], nil, "an empty field is missing")
t.is(df.score[3], 2.0, "2 in an f64 column")
t.is(df.day[2], "2024-02-29", "a date column reads back as ISO strings")
t.is(df.day:missing(), 1, "a missing date")

local semi = tmpfile("a;b\n1;x\n2;y\n")
t.same(read_csv(semi):names(), { "a", "b" }, "the separator is sniffed")
t.same(read_csv(semi, { sep = ";" }).b:to_table(), { "x", "y" }, "sep = \";\"")
t.is(read_csv(semi, { sep = "," }):ncol(), 1, "a wrong sep gives one column")

local noheader = tmpfile("1,x\n2,y\n")
local nh = read_csv(noheader, { header = false })
t.same(nh:names(), { "V1", "V2" }, "header = false names V1, V2")
t.is(#nh, 2, "header = false keeps the first row")

local typed = read_csv(basic, { types = { id = "str", score = "f64", day = "str" } })
t.same(typed:types(), { "str", "str", "f64", "str" }, "types = {...} forces types")
t.is(typed.id[1], "1", "a forced str")
t.same(read_csv(basic, { columns = { "score", "id" } }):names(), { "id", "score" },
  "columns = {...} keeps those, in file order")
t.same(read_csv(basic, { nrows = 2 }).id:to_table(), { 1, 2 }, "nrows")
t.is(#read_csv(basic, { nrows = 0 }), 0, "nrows = 0")

local skipped = tmpfile("# a comment line\nid,v\n1,-\n2,5\n")
local sk = read_csv(skipped, { skip = 1, na = { "-" } })
t.same(sk:names(), { "id", "v" }, "skip = 1 skips a line before the header")
t.is(sk.v[1], nil, "na = {...} sets the NA tokens")
t.is(sk.v[2], 5, "other values still parse")
t.is(read_csv(basic, { na = { "-" } }).name[3], "NA", "custom na tokens replace the defaults")

local bools = tmpfile("flag\ntrue\nfalse\nyes\n")
t.is(read_csv(bools).flag:type(), "str", "bool words are strings by default")
local pb = read_csv(bools, { parse_bool = true }).flag
t.is(pb:type(), "bool", "parse_bool = true")
t.same(pb:to_table(), { true, false, true }, "bool values")
t.is(read_csv(basic, { parse_times = false }).day:type(), "str", "parse_times = false")
t.is(#read_csv(basic, { threads = 1 }), 3, "threads = 1")

t.raises(function() read_csv(basic, { sepp = ";" }) end,
  "bad argument #2 to 'read_csv' (unknown option 'sepp'; did you mean 'sep'?)",
  "unknown option")
t.raises(function() read_csv(basic, { sep = ";;" }) end,
  "bad argument #2 to 'read_csv' (option 'sep': one character expected)", "a long sep")
t.raises(function() read_csv(basic, { header = "yes" }) end,
  "option 'header': boolean expected, got string", "header must be a boolean")
t.raises(function() read_csv(basic, { nrows = -1.5 }) end,
  "option 'nrows': integer expected, got number", "nrows must be an integer")
t.raises(function() read_csv(basic, { skip = -1 }) end,
  "option 'skip': non-negative integer expected", "skip must not be negative")
t.raises(function() read_csv(basic, { types = { id = "float32" } }) end,
  "option 'types': column 'id': type f64, i64, bool, str, date or datetime expected, " ..
  "got 'float32'", "an unknown type")
t.raises(function() read_csv(basic, { na = { 1 } }) end,
  "option 'na': entry 1 is number, string expected", "na entries must be strings")
t.raises(function() read_csv(basic, { columns = "id" }) end,
  "option 'columns': array of strings expected, got string", "columns must be an array")
t.raises(function() read_csv() end,
  "bad argument #1 to 'read_csv' (string expected, got no value)", "read_csv needs a path")

local missing_path = os.tmpname() .. ".does-not-exist.csv"
local okr, err = pcall(read_csv, missing_path)
t.ok(not okr and err:find("read_csv: ", 1, true) == 1, "a missing file raises from read_csv")
t.ok(not okr and err:find(missing_path, 1, true), "naming the file")
t.ok(not okr and err:find("No such file or directory", 1, true), "and the system's reason")
local bad = tmpfile("a,b\n1,2\n3,4,5\n")
t.raises(function() read_csv(bad) end, "read_csv: ", "a malformed file raises")

-- ---- writing ------------------------------------------------------------------------

local out = tmpfile()
local src = frame({ id = { 1, 2, 3 }, txt = { "plain", "with, comma", "say \"hi\"" },
                   v = { 0.1, NA, 3 }, na_word = { "NA", "", NA },
                   flag = { true, NA, false } },
                 { names = { "id", "txt", "v", "na_word", "flag" } })
write_csv(src, out)
t.is(slurp(out), 'id,txt,v,na_word,flag\n1,plain,0.1,"NA",true\n' ..
  '2,"with, comma",,"",\n3,"say ""hi""",3.0,,false\n', "write_csv text (f64 keeps a decimal point)")
local back = read_csv(out, { types = { flag = "bool" } })
t.same(back:names(), src:names(), "round trip: names")
t.same(back:types(), src:types(), "round trip: types")
for _, name in ipairs(src:names()) do
  local want, got = src:col(name):to_table(), back:col(name):to_table()
  local same = want.n == got.n
  for i = 1, want.n do same = same and want[i] == got[i] end
  t.ok(same, "round trip: values of " .. name)
end

local tsv = tmpfile()
src:select("id", "v"):write_csv(tsv, { sep = "\t", na = "NA" })
t.is(slurp(tsv), "id\tv\n1\t0.1\n2\tNA\n3\t3.0\n", "df:write_csv with sep and na")
local nohead = tmpfile()
write_csv(src:select("id"), nohead, { header = false })
t.is(slurp(nohead), "1\n2\n3\n", "header = false")
t.raises(function() write_csv(src, out, { sep = 1 }) end,
  "bad argument #3 to 'write_csv' (option 'sep': string expected, got number)",
  "write_csv option types")
t.raises(function() src:write_csv(out, { delim = ";" }) end,
  "unknown option 'delim'", "write_csv unknown option")
t.raises(function() write_csv(src, "/nonexistent-dir/x.csv") end,
  "/nonexistent-dir/x.csv", "write_csv failure names the file")
t.raises(function() write_csv("x", out) end,
  "bad argument #1 to 'write_csv' (lunette.Frame expected, got string)", "write_csv needs a frame")

-- ---- the bundled telco churn data -----------------------------------------------------

local churn = read_csv(os.getenv("LUNETTE_EXAMPLES") .. "/data/telco_churn.csv")
t.is(#churn, 7043, "telco: 7043 rows")
t.is(churn:ncol(), 20, "telco: 20 columns")
t.is(churn.total_charges:type(), "f64", "telco: total_charges is f64")
t.is(churn.total_charges:missing(), 11, "telco: 11 missing total_charges")
t.is(churn.churn:type(), "str", "telco: churn is str")
t.is(churn.churn:eq("Yes"):sum(), 1869, "telco: 1869 churned")
t.is(churn.tenure:sum(), 227990, "telco: tenure sum")
t.near(churn.monthly_charges:mean(), 64.76169246059918, 1e-12, "telco: mean monthly charges")
t.is(churn.payment_method:n_unique(), 4, "telco: 4 payment methods")
local contracts = churn.contract:counts()
t.same(contracts.value:to_table(), { "Month-to-month", "Two year", "One year" },
  "telco: contract counts values")
t.same(contracts.n:to_table(), { 3875, 1695, 1473 }, "telco: contract counts")

for _, path in ipairs(tmpfiles) do os.remove(path) end
-- A column of nothing but empty strings (and missing values) round-trips.
local empties = frame({ s = { "", NA, "" }, x = { 1, 2, 3 } }, { names = { "s", "x" } })
local epath = os.tmpname()
empties:write_csv(epath)
local back = read_csv(epath)
os.remove(epath)
t.is(back.s:type(), "str", "an all-empty-string column reads back as str")
t.same({ back.s[1], back.s[2], back.s[3] }, { "", nil, "" }, "its empty strings and missing value")

-- Decimal commas, as European spreadsheets write them.
local dpath = os.tmpname()
frame({ x = { 1.5, -0.25 }, s = { "a", "b" } }, { names = { "x", "s" } })
  :write_csv(dpath, { sep = ";", decimal = "," })
local fh = io.open(dpath)
t.is(fh:read("a"), "x;s\n1,5;a\n-0,25;b\n", "write_csv with decimal = ','")
fh:close()
local dec = read_csv(dpath, { decimal = "," })
os.remove(dpath)
t.same(dec.x:to_table(), { 1.5, -0.25 }, "read_csv with decimal = ',' (separator sniffed)")
t.raises(function() read_csv(dpath, { decimal = ";" }) end,
  "bad argument #2 to 'read_csv' (option 'decimal': \".\" or \",\" expected)", "a bad decimal mark")

t.done()
