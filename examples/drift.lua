-- Data drift: are the telco's new customers (tenure of a year or less)
-- like its established ones?  The same check a nightly script would run
-- between last month's data and this month's.
--   lunette examples/drift.lua [outdir]
-- The overview and one column's plot are saved as PNG files in outdir
-- (default: a temporary directory's files, removed at the end).
local outdir = arg[1]
local churn = read_csv("examples/data/telco_churn.csv")

-- The split itself would drift by construction: leave tenure out.
local established = churn:filter"tenure > 12":drop("tenure")
local new = churn:filter"tenure <= 12":drop("tenure")

-- Every shared column, each by the method auto picks for its kind and
-- size (thousands of rows: distances, wasserstein for numbers and
-- Jensen-Shannon for categories), then the verdict.
local d = drift(established, new)
print(d)
print()

-- The drifted columns, most severe first, from the report as a frame.
local top = d:stats():filter"drifted":sort(desc"severity")
print(top:select("column", "method", "statistic", "threshold", "severity"))
print()

-- One column in detail, and its reference and current distributions.
print(d:column("monthly_charges"))
local charges = plot(d:column("monthly_charges"))
plot(d:column("contract"))
local overview = plot(d)

-- A second opinion on monthly charges: the two-sample KS test and the
-- population stability index, as plain functions.
local D, p = ks_test(established.monthly_charges, new.monthly_charges)
print(string.format("KS D = %.3f, p = %.3g; PSI = %.3f", D, p,
  psi(established.monthly_charges, new.monthly_charges)))

-- Save the figures.
local base
if not outdir then
  base = os.tmpname()
  os.remove(base)
end
local function path(name) return outdir and outdir .. "/" .. name or base .. "-" .. name end
local files = { path("drift.png"), path("drift_monthly_charges.png") }
save(overview, files[1])
save(charges, files[2])
for _, f in ipairs(files) do
  local h = assert(io.open(f, "rb"), "saved " .. f)
  assert(h:read(4) == "\137PNG", f .. " is a PNG file")
  h:close()
  if not outdir then os.remove(f) end
end

assert(d.n_columns == 19 and d.dataset_drift, "new customers differ in most columns")
assert(d:column("contract").drifted and not d:column("female").drifted,
  "contracts moved, gender did not")
