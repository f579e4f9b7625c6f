-- df:describe() against pandas' DataFrame.describe() on the bundled data.
-- Fixtures: describe_telco.csv and describe_penguins.csv, made by
-- make_fixtures.py (read its header for how; `top` ties go to the value
-- seen first, as in lunette).  Counts, missing, unique, top and freq must
-- agree exactly; mean, std, min, quartiles and max to 1e-12 relative
-- (pandas sums in a different order and interpolates quantiles with
-- numpy's formula, so the last bits may differ).
local t = require "tap"

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local refdir = assert(os.getenv("REFERENCE_DIR"), "REFERENCE_DIR is not set")

local EXACT = { "count", "missing", "unique", "freq" }
local CLOSE = { "mean", "std", "min", "q25", "median", "q75", "max" }
local RTOL = 1e-12

-- The fixture as an array of rows keyed by header (no field is quoted;
-- an empty field means "not applicable", i.e. missing in lunette).
local function read_fixture(path)
  local header, rows = nil, {}
  for line in io.lines(path) do
    local fields = {}
    for v in (line .. ","):gmatch("([^,]*),") do fields[#fields + 1] = v end
    if not header then
      header = fields
    else
      local row = {}
      for i, h in ipairs(header) do
        if fields[i] ~= "" then row[h] = fields[i] end
      end
      rows[#rows + 1] = row
    end
  end
  return rows
end

local function check(data, fixture)
  local df = read_csv(examples .. "/data/" .. data)
  local d = df:describe():to_table()
  local want = read_fixture(refdir .. "/" .. fixture)
  t.is(d.column.n, #want, data .. ": one describe row per column")
  for i, w in ipairs(want) do
    local where = data .. " " .. w.column .. "."
    t.is(d.column[i], w.column, where .. "column")
    for _, k in ipairs(EXACT) do
      t.is(d[k][i], w[k] and math.tointeger(tonumber(w[k])), where .. k)
    end
    for _, k in ipairs(CLOSE) do
      if w[k] then
        local x = tonumber(w[k])
        t.near(d[k][i], x, RTOL * math.abs(x), where .. k)
      else
        t.is(d[k][i], nil, where .. k .. " is missing")
      end
    end
    t.is(d.top[i], w.top, where .. "top")
  end
end

check("telco_churn.csv", "describe_telco.csv")
check("penguins.csv", "describe_penguins.csv")
t.done()
