-- Plots through the Lua API: every constructor on the example data, checked
-- through fig:layers() and fig:axes() against numpy and R, notes for
-- skipped values, the error messages, Figure methods, plot(), tostring,
-- save, help entries.
local t = require "tap"

local examples = os.getenv("LUNETTE_EXAMPLES") or "examples"
local churn = read_csv(examples .. "/data/telco_churn.csv")
local air = read_csv(examples .. "/data/air_passengers.csv")
local penguins = read_csv(examples .. "/data/penguins.csv")

local function sum(a, from, to)
  local s = 0
  for i = from or 1, to or #a do s = s + a[i] end
  return s
end

-- Heights of a rect layer (y1 - y0, or x1 - x0 for horizontal bars).
local function heights(l)
  local h = {}
  for i = 1, l.n do
    h[i] = l.horizontal and l.x1[i] - l.x0[i] or l.y1[i] - l.y0[i]
  end
  return h
end

local function kinds(fig)
  local k = {}
  for i, l in ipairs(fig:layers()) do k[i] = l.kind end
  return k
end

local function labels(fig)
  local k = {}
  for i, l in ipairs(fig:layers()) do k[i] = l.label or "-" end
  return k
end

local function first(a, n)
  local r = {}
  for i = 1, n do r[i] = a[i] end
  return r
end

local function widest(text)
  local w, n = 0, 0
  for line in (text .. "\n"):gmatch("(.-)\n") do
    w, n = math.max(w, utf8.len(line)), n + 1
  end
  return w, n
end
-- plot() prints through the global print: capture what it prints.
local function captured(fn, ...)
  local saved, out = print, {}
  print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do out[#out + 1] = tostring(parts[i]) end
  end
  local res = table.pack(pcall(fn, ...))
  print = saved
  if not res[1] then error(res[2], 0) end
  return table.concat(out, "\n"), table.unpack(res, 2, res.n)
end

-- ---- plot.hist ------------------------------------------------------------------------

local h = plot.hist(churn, "tenure")
local l = h:layers()[1]
t.same(kinds(h), { "rect" }, "hist: one rect layer")
t.is(l.n, 15, "hist: Sturges' 14 classes at pretty() breaks give 15 bins of 5")
t.ok(l.x0[1] == 0 and l.x1[15] == 75 and l.x1[1] == 5, "hist: breaks 0, 5 ... 75 (R's hist)")
t.same(heights(l), { 1238, 616, 517, 436, 403, 359, 335, 318, 315, 333, 354, 336, 374, 458,
  651 }, "hist: counts of [a, b) bins, the last closed (numpy.histogram)")
t.is(sum(heights(l)), 7043, "hist: every row counted")
local ax = h:axes()
t.ok(ax.x.scale == "linear" and ax.x.label == "tenure" and ax.y.label == "count" and ax.y.zero,
  "hist: axes, labels from the column name and 'count', bars from 0")
t.is(h:caption(), nil, "hist: no note without missing values")
t.is(plot.hist(churn.tenure):xlabel(), "tenure", "hist: a Column from df.x knows its name")
t.is(plot.hist(churn.tenure * 2):xlabel(), nil, "hist: a computed column has no name")

local hb = plot.hist(churn.monthly_charges, { by = churn.churn, bins = 30 })
local no, yes = hb:layers()[1], hb:layers()[2]
t.same(labels(hb), { "No", "Yes" }, "hist by: a layer per group, sorted, labelled")
t.ok(no.n == 30 and yes.n == 30, "hist by: 30 bins each")
t.ok(no.x0[1] == 18.25 and math.abs(no.x1[1] - 21.6) < 1e-12 and no.x1[30] == 118.75,
  "hist bins = 30: equal bins from min to max (numpy)")
t.same(first(heights(no), 5), { 1081, 170, 207, 55, 30 }, "hist by: counts of the first group")
t.same(first(heights(yes), 5), { 103, 23, 22, 28, 12 }, "hist by: counts of the second group")
t.ok(sum(heights(no)) == 5174 and sum(heights(yes)) == 1869, "hist by: groups sum to 5174 and 1869")
local stacked = true
for i = 1, 30 do stacked = stacked and yes.y0[i] == no.y1[i] end
t.ok(stacked, "hist by: stacked, the second group on top of the first")
t.ok(no.color == 1 and yes.color == 2, "hist by: one colour per group")

local dodge = plot.hist(churn, "tenure", { by = "contract", position = "dodge" }):layers()
t.is(#dodge, 3, "hist dodge: three groups")
t.ok(math.abs(dodge[2].x0[1] - 5 / 3) < 1e-12 and math.abs(dodge[2].x1[1] - 10 / 3) < 1e-12
  and dodge[2].y0[1] == 0, "hist dodge: each group a third of the bin, from 0")
local facet = plot.hist(churn, "tenure", { by = "contract", position = "facet" })
t.same({ facet:axes(1).title, facet:axes(2).title, facet:axes(3).title },
  { "Month-to-month", "One year", "Two year" }, "hist facet: a panel per group, titled")
t.same(labels(facet), { "-", "-", "-" }, "hist facet: no legend entries")
t.is(facet:axes(3).x.label, "tenure", "hist facet: every panel labelled")

local dens = plot.hist(churn.tenure, { density = true, bins = 8 }):layers()[1]
local area = 0
for i = 1, dens.n do area = area + (dens.x1[i] - dens.x0[i]) * dens.y1[i] end
t.near(area, 1, 1e-12, "hist density: bar areas sum to 1")
t.is(plot.hist(churn.tenure, { density = true }):ylabel(), "density", "hist density: y label")

t.is(plot.hist(churn.total_charges):caption(), "11 missing values skipped",
  "hist: missing values skipped with a note")
t.is(plot.hist(frame{ x = { 1, 2, 1 / 0, NA, 3 } }.x):caption(),
  "1 missing value skipped; 1 infinite value skipped", "hist: Inf skipped with a note too")
local ht = plot.hist(air, "month")
t.ok(ht:axes().x.scale == "time" and ht:axes().x.time == "date", "hist: a date column on a time axis")
local hl = ht:layers()[1]
t.same(heights(hl), { 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12 },
  "hist of 144 months: a bin per calendar year (nearest Sturges' 9)")
t.same({ hl.x0[1], hl.x1[12] }, { -662688000000000, -283996800000000 },
  "hist of dates: bins from 1949-01-01 to 1961-01-01")
local week = plot.hist(frame{ d = { "2024-01-03", "2024-01-04", "2024-01-09", "2024-01-17",
                                    "2024-01-20" } }.d:astype("date")):layers()[1]
t.same({ week.n, week.x0[1], week.y1[1] }, { 3, 1704067200000000, 2 },
  "hist of dates: weeks from Monday 2024-01-01")
local hours = plot.hist(frame{ t = { "2024-01-01 10:00", "2024-01-01 10:20",
                                     "2024-01-01 13:59" } }.t:astype("datetime")):layers()[1]
t.same(heights(hours), { 2, 0, 0, 1 }, "hist of datetimes: hourly bins")
t.is(#plot.hist(frame{ x = { 5, 5, 5 } }.x):layers()[1].x0, 1, "hist: all-equal values, one bin")

t.raises(function() plot.hist(churn.contract) end,
  "bad argument #1 to 'hist' (column 'contract' is str, expected a number or time column " ..
  "(plot.bar counts categories))", "hist: a str column")
t.raises(function() plot.hist(frame{ x = { NA, NA, NA } }.x) end,
  "plot.hist: column 'x' has no values (all 3 missing)", "hist: all missing")
t.raises(function() plot.hist(frame{ x = { n = 0 } }.x) end,
  "plot.hist: column 'x' has no values (it is empty)", "hist: empty")
t.raises(function() plot.hist(frame{ x = { 1 / 0, NA } }.x) end,
  "plot.hist: column 'x' has no finite values (1 missing, 1 infinite)", "hist: only Inf")
t.raises(function() plot.hist(churn, "tenur") end,
  "plot.hist: column 'tenur' not found (did you mean 'tenure'?)", "hist: unknown column")
t.raises(function() plot.hist(churn.tenure, { bnis = 3 }) end,
  "bad argument #2 to 'hist' (unknown option 'bnis'; did you mean 'bins'?)", "hist: unknown option")
t.raises(function() plot.hist(churn.tenure, { by = churn.churn, position = "side" }) end,
  "option 'position': \"stack\", \"dodge\" or \"facet\" expected, got 'side'", "hist: bad position")
t.raises(function() plot.hist(churn.tenure, { by = "churn" }) end,
  "option 'by': a column name needs a frame (plot.hist(df, ...)); give a Column",
  "hist: by as a name needs the df form")
t.raises(function() plot.hist(churn.tenure, { by = air.month }) end,
  "option 'by': 144 values, expected 7043 (one per row)", "hist: by of another length")
t.raises(function() plot.hist(42) end,
  "bad argument #1 to 'hist' (Frame or Column expected, got number)", "hist: a number")
t.raises(function() plot.hist(churn, 3) end,
  "bad argument #2 to 'hist' (column name expected, got number)", "hist: df and a number")

-- ---- plot.density ------------------------------------------------------------------------

local d = plot.density(penguins, "body_mass_g", { by = "species" })
local ad = d:layers()[1]
t.same(labels(d), { "Adelie", "Chinstrap", "Gentoo" }, "density by: a line per species")
t.ok(ad.kind == "line" and ad.n == 512, "density: 512 points, as R's density()")
-- R: bw.nrd0 = 151.3035404; the grid from min - 3 bw to max + 3 bw; the
-- exact Gaussian mixture at its middle point (R itself bins: not exact).
t.near(ad.x[1], 2850 - 3 * 151.3035404, 1e-6, "density: the grid starts at min - 3 bw")
t.near(ad.x[256], 3809.72815925, 1e-6, "density: grid point 256")
t.near(ad.y[256], 0.000732569462784, 1e-12, "density: the value there")
t.is(d:caption(), "2 missing values skipped", "density: missing values noted")
t.is(d:ylabel(), "density", "density: y label")
local bw = plot.density(penguins.body_mass_g, { bw = 300 }):layers()[1]
t.near(bw.x[1], 2700 - 900, 1e-9, "density: bw given")
t.raises(function() plot.density(frame{ x = { 1, NA } }.x) end,
  "plot.density: column 'x' has 1 value; a density needs 2 or more", "density: one value")
t.raises(function() plot.density(penguins.body_mass_g, { bw = -1 }) end,
  "option 'bw': a positive bandwidth expected", "density: negative bw")
t.is(plot.density(frame{ x = { 1, 2, 3, 7 }, g = { "a", "a", "a", "b" } }, "x", { by = "g" })
  :caption(), "1 group of one value not shown", "density: a group of one value is left out")

-- ---- plot.scatter -----------------------------------------------------------------------

local sc = plot.scatter(churn, "tenure", "total_charges", { color = "contract" })
t.same(labels(sc), { "Month-to-month", "One year", "Two year" }, "scatter: a layer per colour")
t.same({ sc:layers()[1].n, sc:layers()[2].n, sc:layers()[3].n }, { 3875, 1472, 1685 },
  "scatter: points per contract (pandas)")
t.is(sc:caption(), "11 missing values skipped", "scatter: rows missing y noted")
t.ok(sc:axes().x.label == "tenure" and sc:axes().y.label == "total_charges", "scatter: labels")
local sp = plot.scatter(penguins, "species", "body_mass_g")
t.is(sp:axes().x.scale, "category", "scatter: a str column on a categorical axis")
t.same(sp:axes().x.categories, { "Adelie", "Chinstrap", "Gentoo" }, "scatter: categories sorted")
t.ok(sp:layers()[1].x[1] == 0 and sp:layers()[1].n == 342, "scatter: categories at 0, 1 ...")
local sa = plot.scatter(air.month, air.passengers)
t.is(sa:axes().x.scale, "time", "scatter: dates on a time axis")
t.same(labels(plot.scatter(churn, "tenure", "monthly_charges", { color = "senior_citizen" })),
  { "0", "1" }, "scatter: a few integers as colours")
t.raises(function() plot.scatter(churn, "tenure", "monthly_charges", { color = "tenure" }) end,
  "option 'color': column 'tenure' has 73 distinct numbers; expected categories " ..
  "(str, bool or at most 12 distinct integers)", "scatter: colour by a numeric column")
t.raises(function() plot.scatter(churn, "tenure", "monthly_charges",
                                 { color = "monthly_charges" }) end,
  "option 'color': column 'monthly_charges' has fractional numbers", "scatter: colour by f64")
t.raises(function() plot.scatter(churn.tenure, air.passengers) end,
  "plot.scatter: x has 7043 values and y 144; expected as many", "scatter: lengths differ")
t.raises(function() plot.scatter(frame{ a = { 1, NA }, b = { NA, 2 } }, "a", "b") end,
  "plot.scatter: no row has values in both 'a' and 'b' (2 rows)", "scatter: no complete row")
t.raises(function() plot.scatter(churn, "tenure") end,
  "bad argument #3 to 'scatter' (column name expected, got no value)", "scatter: y missing")

-- ---- plot.line, plot.step, plot.band ---------------------------------------------------

local ln = plot.line(air, "month", "passengers")
local ll = ln:layers()[1]
t.ok(ll.kind == "line" and ll.n == 144 and ll.y[1] == 112 and ll.y[144] == 432,
  "line: air passengers in order")
t.ok(ln:axes().x.scale == "time" and ln:axes().x.time == "date", "line: months on a time axis")
t.same({ ln:xlabel(), ln:ylabel() }, { "month", "passengers" }, "line: labels")
local rev = plot.line(air:take{ 3, 1, 2 }, "month", "passengers"):layers()[1]
t.same(rev.y, { 112, 118, 132 }, "line: points sorted by x")
local two = plot.line(frame{ x = { 1, 2, 3 }, a = { 1, 2, 3 }, b = { 3, NA, 1 } }, "x", { "a", "b" })
t.same(labels(two), { "a", "b" }, "line: several y columns, one line each")
t.ok(two:layers()[2].y[2] ~= two:layers()[2].y[2], "line: a missing y breaks the line (NaN)")
t.is(two:caption(), "1 missing value skipped", "line: missing y noted")
t.is(two:ylabel(), nil, "line: several y, no y label (the legend names them)")
local idx = plot.line(air.passengers)
t.ok(idx:layers()[1].x[1] == 1 and idx:layers()[1].x[144] == 144 and idx:xlabel() == "index",
  "line: one column, x = 1 .. n")
local grp = plot.line(frame{ t = { 1, 2, 1, 2 }, v = { 1, 2, 3, 4 }, g = { "b", "b", "a", "a" } },
                      "t", "v", { color = "g" })
t.same(labels(grp), { "a", "b" }, "line: a line per group")
t.same(grp:layers()[1].y, { 3, 4 }, "line: the group's points")
t.same(kinds(plot.step(air, "month", "passengers")), { "step" }, "step: a step layer")
t.raises(function() plot.line(churn, "tenure", "contract") end,
  "bad argument #3 to 'line' (column 'contract' is str, expected a number column)",
  "line: str y")
t.raises(function() plot.line(frame{ x = { 1 }, a = { 1 }, b = { 1 }, g = { "u" } }, "x",
                              { "a", "b" }, { color = "g" }) end,
  "option 'color': give several y columns or a color column, not both", "line: y array and color")
t.raises(function() plot.line(frame{ x = { NA, NA }, y = { 1, 2 } }, "x", "y") end,
  "plot.line: column 'x' has no values (all 2 missing)", "line: no x")

local band = plot.band(frame{ x = { 2, 1, 3 }, lo = { 1, 0, 2 }, hi = { 2, 1, NA } }, "x", "lo",
                       "hi", { label = "80%" })
local bl = band:layers()[1]
t.ok(bl.kind == "band" and bl.label == "80%" and bl.n == 3, "band: a labelled band")
t.same(bl.x, { 1, 2, 3 }, "band: sorted by x")
t.same(bl.y0, { 0, 1, 2 }, "band: lower limits")
t.is(band:caption(), "1 missing value skipped", "band: a missing limit noted")

-- ---- plot.bar --------------------------------------------------------------------------

local pay = plot.bar(churn.payment_method:counts())
local pl = pay:layers()[1]
t.ok(pl.kind == "rect" and pl.n == 4 and pl.horizontal, "bar: long labels make horizontal bars")
t.same(pay:axes().y.categories, { "Electronic check", "Mailed check",
  "Bank transfer (automatic)", "Credit card (automatic)" }, "bar: categories in the data's order")
t.same(heights(pl), { 2365, 1612, 1544, 1522 }, "bar: heights from the n column")
t.ok(pl.y0[1] == -0.4 and pl.y1[1] == 0.4 and pl.x0[1] == 0, "bar: 0.8 wide around the position")
t.ok(pay:axes().x.zero and pay:xlabel() == "count" and pay:ylabel() == nil,
  "bar: the value axis from 0; counts() labelled as counts")
local sales0 = plot.bar(frame{ region = { "n", "s" }, revenue = { 1, 2 } })
t.same({ sales0:xlabel(), sales0:ylabel() }, { "region", "revenue" }, "bar of a frame: its names")
local ct = plot.bar(churn.contract)
t.ok(not ct:layers()[1].horizontal, "bar: three short labels stand upright")
t.same(ct:axes().x.categories, { "Month-to-month", "Two year", "One year" },
  "bar of a column: most frequent first")
t.same(heights(ct:layers()[1]), { 3875, 1695, 1473 }, "bar of a column: its counts")
t.is(ct:ylabel(), "count", "bar of a column: y label")
t.ok(plot.bar(churn.contract, { horizontal = true }):layers()[1].horizontal, "bar: horizontal = true")
local st = plot.bar(churn.contract, { color = churn.churn, position = "stack" })
local sn, sy = st:layers()[1], st:layers()[2]
t.same(labels(st), { "No", "Yes" }, "bar stack: a layer per group")
t.same(heights(sy), { 1655, 48, 166 }, "bar stack: counts of the second group")
t.same(sy.y0, sn.y1, "bar stack: on top of the first")
local dg = plot.bar(churn.contract, { color = churn.churn }):layers()
t.ok(math.abs(dg[1].x0[1] + 0.4) < 1e-12 and math.abs(dg[2].x0[1]) < 1e-12 and
     math.abs(dg[2].x1[1] - 0.4) < 1e-12, "bar dodge: the 0.8 split between the groups")
local sales = frame{ r = { "n", "s", "e", "w", "n" }, v = { 3, -2, 5, 1, 1 } }
local sb = plot.bar(sales, "r", "v")
t.same(sb:axes().x.categories, { "n", "s", "e", "w" }, "bar: categories in order of appearance")
t.same(heights(sb:layers()[1]), { 4, -2, 5, 1 }, "bar: repeated categories add up; negatives")
t.same(plot.bar(sales, "r", "v", { sort = "desc" }):axes().x.categories, { "e", "n", "w", "s" },
  "bar: sort desc")
t.same(plot.bar(sales, "r", "v", { sort = "asc" }):axes().x.categories, { "s", "w", "n", "e" },
  "bar: sort asc")
local cut = plot.bar(sales, "r", "v", { max_categories = 2 })
t.same(cut:axes().x.categories, { "n", "s" }, "bar: the first categories kept")
t.is(cut:caption(), "\u{2026} 2 more categories not shown", "bar: the rest counted in the caption")
local many = {}
for i = 1, 1000 do many[i] = string.format("c%04d", i) end
local big = plot.bar(frame{ c = many }.c)
t.ok(#big:axes().y.categories == 40 and big:layers()[1].horizontal, "bar: 40 categories, horizontal")
t.is(big:caption(), "\u{2026} 960 more categories not shown", "bar: thousands of categories")
t.ok(big:size() == nil and select(2, big:size()) == 48, "bar: 40 horizontal bars ask for a row each")
local _, rows = widest(tostring(big))
t.is(rows, 48, "bar: drawn on 48 rows")
t.same(heights(plot.bar(frame{ c = { "a", NA, "a" } }.c):layers()[1]), { 2, 1 },
  "bar: missing values are a category, as counts() has them")
t.is(plot.bar(frame{ c = { "a", "b" }, v = { 1, NA } }, "c", "v"):caption(),
  "1 missing value skipped", "bar: missing heights noted")
t.raises(function() plot.bar(churn.monthly_charges) end,
  "column 'monthly_charges' is f64, expected categories: str, bool, integers or times " ..
  "(plot.hist bins numbers)", "bar: counts of f64")
t.raises(function() plot.bar(churn, "contract", "churn") end,
  "bad argument #3 to 'bar' (column 'churn' is str, expected a number column)", "bar: str values")
t.raises(function() plot.bar(churn:select("contract", "churn")) end,
  "a frame with a category column and a number column expected", "bar: a frame without numbers")
t.raises(function() plot.bar(churn.contract, { sort = "up" }) end,
  "option 'sort': \"none\", \"desc\" or \"asc\" expected, got 'up'", "bar: bad sort")

-- ---- plot.box ------------------------------------------------------------------------

local bx = plot.box(churn, "monthly_charges", { by = "contract" })
local boxes = bx:layers()[1]
t.ok(boxes.kind == "box" and boxes.n == 3, "box: one box per contract")
t.same(bx:axes().x.categories, { "Month-to-month", "One year", "Two year" }, "box: groups sorted")
local m2m = boxes.box[1]
t.same({ m2m.lo_whisker, m2m.q1, m2m.median, m2m.q3, m2m.hi_whisker },
  { 18.75, 45.85, 73.25, 88.875, 117.45 }, "box: R's boxplot.stats for Month-to-month")
t.same({ boxes.box[3].q1, boxes.box[3].median }, { 24.025, 64.35 }, "box: Two year hinges")
t.same({ bx:xlabel(), bx:ylabel() }, { "contract", "monthly_charges" }, "box: labels")
local pb = plot.box(penguins.body_mass_g)
t.same({ pb:layers()[1].box[1].q1, pb:layers()[1].box[1].median },
  { 3550, 4050 }, "box: one column, one box (R)")
t.ok(pb:caption() == "2 missing values skipped" and pb:axes().x.categories[1] == "body_mass_g",
  "box: a single box named after its column; missing noted")
t.same(plot.box(penguins.body_mass_g, { by = penguins.species }):axes().x.categories,
  { "Adelie", "Chinstrap", "Gentoo" }, "box: by = a column")
t.raises(function() plot.box(churn, "contract") end,
  "column 'contract' is str, expected a number column", "box: str column")

-- ---- plot.heatmap -------------------------------------------------------------------

local hm = plot.heatmap(churn:crosstab("contract", "churn"))
local hl = hm:layers()[1]
t.ok(hl.kind == "heatmap" and hl.nrow == 3 and hl.ncol == 2, "heatmap: 3 x 2 cells")
t.same(hl.z, { 2220, 1655, 1307, 166, 1647, 48 }, "heatmap: cells row by row (pandas crosstab)")
t.same(hl.cell_text, { "2220", "1655", "1307", "166", "1647", "48" }, "heatmap: whole numbers in full")
t.same(hm:axes().y.categories, { "Month-to-month", "One year", "Two year" }, "heatmap: row names")
t.same(hm:axes().x.categories, { "No", "Yes" }, "heatmap: column names")
t.is(hm:ylabel(), "contract", "heatmap: y label from the row column")
local mt = plot.heatmap({ { 0.5, 1234.5 }, { 0.012345, NA }, { -1e-5, 2 / 3 } },
                        { rows = { "a", "b", "c" }, cols = { "x", "y" } })
local ml = mt:layers()[1]
t.same({ ml.cell_text[1], ml.cell_text[2], ml.cell_text[3], ml.cell_text[5], ml.cell_text[6] },
  { "0.5", "1234", "0.0123", "-1e-05", "0.667" }, "heatmap: 3 significant digits by default")
t.is(ml.cell_text[4], nil, "heatmap: no text in a missing cell")
t.is(mt:caption(), "1 missing value skipped", "heatmap: missing cells noted")
t.same(mt:axes().y.categories, { "a", "b", "c" }, "heatmap: rows option")
local fm = plot.heatmap({ { 0.25, 12 } }, { fmt = "%.1f%%", cmap = "diverging", zlim = { -1, 1 } })
local fl = fm:layers()[1]
t.same(fl.cell_text, { "0.2%", "12.0%" }, "heatmap: fmt")
t.ok(fl.cmap == "diverging" and fl.zlo == -1 and fl.zhi == 1, "heatmap: cmap and zlim")
t.is(plot.heatmap({ { 1, 2 } }):layers()[1].cmap, "sequential",
  "heatmap: cmap sequential by default")
t.is(plot.heatmap({ { 1, 2 } }, { cmap = "blues" }):layers()[1].cmap, "blues",
  "heatmap: cmap = \"blues\"")
t.raises(function() plot.heatmap({ { 1 } }, { cmap = "reds" }) end,
  "option 'cmap': \"sequential\", \"diverging\" or \"blues\" expected, got 'reds'",
  "heatmap: an unknown cmap names the three")
t.same(plot.heatmap({ { 2.6, -3 } }, { fmt = "%d cases" }):layers()[1].cell_text,
  { "3 cases", "-3 cases" }, "heatmap: %d rounds")
t.same(fm:axes().x.categories, { "1", "2" }, "heatmap: columns numbered by default")
t.is(plot.heatmap({ { 1, 2 } }, { annotate = false }):layers()[1].cell_text, nil,
  "heatmap: annotate = false")
local cells = {}
for r = 1, 21 do cells[r] = {} for c = 1, 20 do cells[r][c] = r * c end end
t.is(plot.heatmap(cells):layers()[1].cell_text, nil, "heatmap: no annotation over 400 cells")
t.raises(function() plot.heatmap({ { 1 } }, { fmt = "%s" }) end,
  "option 'fmt': a printf format with one number conversion expected", "heatmap: bad fmt")
t.raises(function() plot.heatmap({ { 1 } }, { fmt = "%f %f" }) end, "option 'fmt'",
  "heatmap: two conversions")
t.raises(function() plot.heatmap({ { 1, 2 }, { 3 } }) end,
  "plot.heatmap: row 2 has 1 values and row 1 has 2; expected a rectangular table",
  "heatmap: ragged rows")
t.raises(function() plot.heatmap({ { NA } }) end, "plot.heatmap: no cell has a value (all 1 missing)",
  "heatmap: all missing")
t.raises(function() plot.heatmap({ { 1 } }, { zlim = { 2, 1 } }) end,
  "option 'zlim': { lo, hi } expected", "heatmap: bad zlim")
t.raises(function() plot.heatmap(churn:crosstab("contract", "churn"), { rows = { "a" } }) end,
  "options 'rows' and 'cols' name the cells of an array of rows", "heatmap: rows with a frame")

-- ---- plot.grid ----------------------------------------------------------------------------

local g = plot.grid({ plot.hist(churn.tenure, { title = "Tenure" }),
                      plot.bar(churn.contract, { title = "Contract" }) }, { title = "Churn" })
t.same(kinds(g), { "rect", "rect" }, "grid: the layers of both")
t.same({ g:axes(1).title, g:axes(2).title, g:title() }, { "Tenure", "Contract", "Churn" },
  "grid: figure titles become panel titles")
t.is(g:axes(2).x.scale, "category", "grid: each panel keeps its axes")
t.raises(function() plot.grid({ churn.tenure }) end, "item 1 is lunette.Column, expected a Figure",
  "grid: not a figure")
t.raises(function() plot.grid({}) end, "at least one figure expected", "grid: empty")

-- ---- Figure methods ----------------------------------------------------------------------

local f = plot.line(air, "month", "passengers")
t.is(f:title("Air"):subtitle("1949-1960"):xlabel("Month"):ylabel("Passengers"), f,
  "methods return the figure (chaining)")
t.same({ f:title(), f:subtitle(), f:xlabel(), f:ylabel() }, { "Air", "1949-1960", "Month",
  "Passengers" }, "getters without arguments")
f:title(nil)
t.is(f:title(), nil, "title(nil) clears")
f:xlim("1955-01-01", nil)
t.is(f:axes().x.lo, "1955-01-01", "xlim: a date string on a time axis")
t.is(f:axes().x.hi, nil, "xlim: nil is automatic")
f:ylim(0, 700)
t.same({ f:ylim() }, { 0, 700 }, "ylim: numbers")
t.raises(function() f:ylim(5, 1) end, "ylim: the lower limit must be below the upper one",
  "ylim: reversed")
t.raises(function() f:ylim("1955-01-01", nil) end, "number expected, got string '1955-01-01'",
  "ylim: a date on a numeric axis")
t.raises(function() f:xlim("soon", nil) end, "'soon' is not a date or datetime", "xlim: a bad date")
t.is(f:log_y():axes().y.scale, "log", "log_y")
t.is(f:log_y(false):axes().y.scale, "linear", "log_y(false)")
t.raises(function() f:log_x() end, "log_x: the x axis is a time axis; a log scale needs numbers",
  "log_x on a time axis")
t.raises(function() ct:log_x() end, "log_x: the x axis is categorical", "log_x on categories")
t.is(f:legend("bottom"):legend(), "bottom", "legend")
t.raises(function() f:legend("middle") end, "invalid option 'middle'", "legend: bad position")
t.same({ f:size(60, 20):size() }, { 60, 20 }, "size")
t.raises(function() f:size(10, 20) end, "20 to 10000 cells or nil expected", "size: too narrow")
f:hline(400, { label = "400", color = "red" }):vline({ "1955-01-01", "1958-06-01" })
local refs = f:layers()
t.same(kinds(f), { "line", "hline", "vline" }, "hline and vline add layers")
t.ok(refs[2].y[1] == 400 and refs[2].label == "400" and refs[2].color == 4, "hline: label, colour")
t.ok(refs[3].n == 2 and refs[3].color == nil and refs[3].dashed, "vline: dates, grey, dashed")
f:text("1960-07-01", 622, "peak")
t.ok(f:layers()[4].kind == "text" and f:layers()[4].text[1] == "peak", "text")
t.raises(function() f:hline(1, { color = "pink" }) end, "option 'color': unknown colour 'pink'",
  "hline: bad colour")
ct:hline(1000):text("One year", 2000, "x")
t.is(ct:layers()[3].x[1], 2, "text: a category name on a categorical axis")
t.raises(function() ct:vline("Two yaer") end, "bad argument #1 to 'vline' (no category " ..
  "'Two yaer' on the axis (did you mean 'Two year'?))", "vline: an unknown category")
local c2 = f:copy():title("copy")
t.ok(c2:title() == "copy" and f:title() == nil and #c2:layers() == #f:layers(), "copy is deep")
t.raises(function() f:titel("x") end, "figure: no method 'titel' (did you mean 'title'?)",
  "a misspelt method")

local fit = plot.scatter(penguins, "flipper_length_mm", "body_mass_g")
fit:add(plot.line(frame{ x = { 170, 230 }, y = { 2800, 6200 } }, "x", "y"))
t.same(kinds(fit), { "points", "line" }, "add: the line over the points")
t.ok(fit:layers()[2].color == 2, "add: a new colour for the added layer")
local byg = plot.scatter(penguins, "flipper_length_mm", "body_mass_g", { color = "species" })
byg:add(plot.line(frame{ x = { 170, 230, 170, 230 }, y = { 1, 2, 3, 4 },
                         s = { "Gentoo", "Gentoo", "Adelie", "Adelie" } }, "x", "y", { color = "s" }))
t.same(labels(byg), { "Adelie", "Chinstrap", "Gentoo", "Adelie", "Gentoo" }, "add: labels kept")
t.ok(byg:layers()[4].color == byg:layers()[1].color and byg:layers()[5].color == byg:layers()[3].color,
  "add: a label already there keeps its colour")
t.raises(function() ct:add(plot.bar(churn.payment_method, { horizontal = false })) end,
  "add: the x axis has 3 categories here and 4 in the added figure", "add: other categories")
t.raises(function() ct:add(plot.bar(frame{ c = { "One year", "Month-to-month", "Two year" },
                                           v = { 1, 2, 3 } }, "c", "v")) end,
  "add: x category 1 is 'Month-to-month' here and 'One year' in the added figure",
  "add: categories in another order")
t.raises(function() ln:add(plot.line(air.passengers)) end,
  "add: the x axis is a time axis here and numeric in the added figure", "add: time and numbers")
local facets = plot.hist(churn, "tenure", { by = "contract", position = "facet" })
facets:add(plot.hist(churn.tenure):hline(100))
t.is(#facets:layers(), 9, "add: into every panel of a faceted figure")
local self = plot.line(air.passengers)
t.is(#self:add(self):layers(), 2, "add: a figure to itself")

-- ---- plot(), tostring, save -------------------------------------------------------------

local out, shown = captured(plot, churn.tenure)
t.ok(getmetatable(shown).__name == "lunette.Figure" and #shown:layers() == 1,
  "plot(col) returns the histogram")
t.ok(#out > 0, "plot() draws at once")
t.is(select(2, captured(plot, churn.contract)):layers()[1].kind, "rect", "plot(str col): a bar chart")
t.ok(select(2, captured(plot, churn.payment_method:counts())):layers()[1].horizontal,
  "plot(counts): a bar chart")
t.is(select(2, captured(plot, f)), f, "plot(fig) returns fig")
local obj = setmetatable({}, { __plot = function(v, o)
  return plot.hist(churn.tenure, { bins = o and o.bins or 5 })
end })
t.is(select(2, captured(plot, obj, { bins = 7, width = 60 })):layers()[1].n, 7,
  "plot(obj): __plot gets its own options, without width")
t.raises(function() plot(42) end, "bad argument #1 to 'plot' (Figure, Column, 2-column Frame or " ..
  "a value with a __plot expected, got number)", "plot: a number")
t.raises(function() plot(churn) end, "a frame of 2 columns", "plot: a wide frame")
t.raises(function() plot(f, { widht = 50 }) end, "unknown option 'widht'; did you mean 'width'?",
  "plot: unknown option")
t.raises(function() plot(f, { width = 5 }) end, "option 'width': 20 to 10000 cells expected",
  "plot: too narrow")
t.raises(function() plot(setmetatable({}, { __plot = function() return 1 end })) end,
  "plot: the __plot of table returned number, expected a Figure", "plot: a bad __plot")

-- ---- drawing and files --------------------------------------------------------------------

local tf = plot.hist(churn.tenure):title("Tenure of customers")
local text = tostring(tf)
t.ok(text:find("Tenure of customers", 1, true) and text:find("tenure", 1, true),
  "tostring draws the figure: title and axis label")
t.ok(widest(text) <= 100, "tostring: at most 100 columns")
local drawn, small = captured(plot, tf, { width = 40, height = 12 })
local w, n = widest(drawn)
t.ok(w <= 40 and n == 12, "plot{ width = 40, height = 12 }: the size asked for")
t.is(small, tf, "plot returns the figure it drew")
w, n = widest(tostring(tf:copy():size(50, 15)))
t.ok(w <= 50 and n == 15, "fig:size: the size of tostring")
t.ok(#captured(plot, tf, { image = true }) > 0, "image = true outside a terminal: the text drawing")
t.ok(#captured(tf.show, tf) > 0, "fig:show draws")
t.raises(function() tostring(plot.line(frame{ x = { 1, 2 }, y = { -1, 2 } }, "x", "y"):log_y()) end,
  "log", "tostring: a log axis with a negative value raises")

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir '" .. dir .. "'"))
local read = t.slurp
local function files()
  local p = io.popen("ls -A '" .. dir .. "'")
  local names = {}
  for name in p:lines() do names[#names + 1] = name end
  p:close()
  table.sort(names)
  return names
end
t.is(save(tf, dir .. "/tenure.png", { width = 400, height = 300 }), nil, "save returns nothing")
local png = read(dir .. "/tenure.png")
t.ok(png and png:sub(1, 8) == "\x89PNG\r\n\26\n", "save: a PNG file")
t.ok(png and string.unpack(">I4I4", png, 17) == 400 and select(2, string.unpack(">I4I4", png, 17)) == 300,
  "save: the PNG is 400 x 300")
tf:save(dir .. "/tenure.svg")
local svg = read(dir .. "/tenure.svg") or ""
t.ok(svg:find("<svg", 1, true) and svg:find("</svg>", 1, true), "fig:save: an SVG file")
save(churn.tenure, dir .. "/tenure.PDF", { dpi = 72 })
t.is((read(dir .. "/tenure.PDF") or ""):sub(1, 5), "%PDF-", "save: a PDF from a column")
t.raises(function() save(tf, dir .. "/tenure.bmp") end, "save: " .. dir .. "/tenure.bmp: unknown " ..
  "format '.bmp' (expected .png, .svg or .pdf)", "save: an unknown extension names the path")
t.raises(function() save(tf, dir .. "/no/such/dir/t.png") end, "save: cannot write '" .. dir ..
  "/no/such/dir/t.png': No such file or directory", "save: a missing directory")
t.raises(function() save(plot.line(frame{ x = { 1, 2 }, y = { -1, 2 } }, "x", "y"):log_y(),
                         dir .. "/bad.png") end, "save: " .. dir .. "/bad.png: log y axis: 1 " ..
  "value is <= 0", "save: a bad scale names the path")
t.same(files(), { "tenure.PDF", "tenure.png", "tenure.svg" }, "a failed save leaves no file")
t.raises(function() save(tf, 42) end, "bad argument #2 to 'save' (file path expected, got number)",
  "save: a path is a string")
t.raises(function() save(tf, dir .. "/x.png", { width = 0 }) end,
  "option 'width': 16 to 20000 pixels expected", "save: a bad width")
t.raises(function() save(42, dir .. "/x.png") end, "bad argument #1 to 'save'", "save: not a figure")
os.execute("rm -rf '" .. dir .. "'")

-- ---- help --------------------------------------------------------------------------------

local function helptext(...)
  local saved, out = print, {}
  print = function(s) out[#out + 1] = s end
  local ok, err = pcall(function(...) help(...) end, ...)
  print = saved
  if not ok then error(err, 0) end
  return table.concat(out, "\n")
end
local function has(text, s) return text:find(s, 1, true) ~= nil end

local hh = helptext("plot.hist")
t.ok(has(hh, "plot.hist(x [, opts])\n  Histogram") and has(hh, "Options:\n  bins = auto"),
  "help\"plot.hist\"")
t.is(helptext(plot.hist), hh, "help(plot.hist) by value")
t.is(helptext("hist"), hh, "help\"hist\" finds plot.hist")
t.ok(has(helptext(plot), "plot(x [, opts])\n  Draw a figure now"), "help(plot): the callable table")
t.ok(has(helptext("Plots"), "plot.scatter(df, \"x\", \"y\" [, opts])"), "help\"Plots\" lists the group")
t.ok(has(helptext(f), "fig:xlim(lo, hi)"), "help(fig) lists the figure methods")
t.ok(has(helptext("fig:add"), "fig:add(other)\n  Overlay"), "help\"fig:add\"")
t.ok(has(helptext("Figure:layers"), "fig:layers()"), "help\"Figure:layers\"")
local mt = getmetatable(f)
t.ok(mt.__name == "lunette.Figure" and mt.__gc == mt.__close, "Figure metatable")
for name, fn in pairs(mt.__methods) do
  local ok, text = pcall(helptext, "Figure:" .. name)
  t.ok(ok and has(text, ":" .. name .. "(") and has(text, "Example:") and
       has(helptext(fn), ":" .. name .. "("), "help\"Figure:" .. name .. "\" documents it")
end
for _, name in ipairs{ "hist", "density", "scatter", "line", "step", "band", "bar", "box",
                       "heatmap", "grid" } do
  t.ok(has(helptext(plot[name]), "plot." .. name .. "("), "help(plot." .. name .. ")")
end
t.raises(function() return plot.hsit end, "plot: no function 'hsit' (did you mean 'hist'?)",
  "a misspelt plot type")
t.raises(function() helptext("plot.hsit") end, "did you mean 'plot.hist'?", "help: a misspelt topic")

t.done()
