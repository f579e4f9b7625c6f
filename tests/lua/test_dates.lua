-- date_range through the Lua API: kinds, steps, inclusion of stop, month
-- clamping, empty ranges, errors, and its help entry.
local t = require "tap"

local function values(c) return c:to_table() end

local d = date_range("2024-01-01", "2024-01-05")
t.is(getmetatable(d).__name, "lunette.Column", "date_range returns a column")
t.is(d:type(), "time", "of times")
t.is(#d, 5, "five days, stop included")
t.same(values(d), { "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05" },
  "a date column by default (step 1d)")

t.same(values(date_range("2024-01-01", "2024-01-29", "1w")),
  { "2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29" }, "weeks")
t.same(values(date_range("2024-02-27", "2024-03-03", "2d")),
  { "2024-02-27", "2024-02-29", "2024-03-02" }, "stop off the grid is left out")
t.same(values(date_range("2024-01-31", "2024-05-31", "1mo")),
  { "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31" },
  "months clamp the day to the month end, counted from start")
t.same(values(date_range("2024-01-15", "2025-01-15", "quarter")),
  { "2024-01-15", "2024-04-15", "2024-07-15", "2024-10-15", "2025-01-15" }, "quarters")
t.same(values(date_range("2020-02-29", "2023-03-01", "1y")),
  { "2020-02-29", "2021-02-28", "2022-02-28", "2023-02-28" }, "years from a leap day")
t.same(values(date_range("2024-03-10 23:00", "2024-03-11 01:00", "30m")),
  { "2024-03-10 23:00:00", "2024-03-10 23:30:00", "2024-03-11 00:00:00",
    "2024-03-11 00:30:00", "2024-03-11 01:00:00" }, "a datetime column for times")
t.same(values(date_range("2024-01-01", "2024-01-01 12:00:00", "6h")),
  { "2024-01-01 00:00:00", "2024-01-01 06:00:00", "2024-01-01 12:00:00" },
  "a date start with an hourly step gives datetimes")
t.same(values(date_range("1969-12-31 23:59:58", "1970-01-01 00:00:01", "1s")),
  { "1969-12-31 23:59:58", "1969-12-31 23:59:59", "1970-01-01 00:00:00",
    "1970-01-01 00:00:01" }, "seconds across the epoch")
t.is(#date_range("2024-01-01", "2024-12-31"), 366, "366 days in 2024")
t.is(#date_range("2024-01-01", "2024-12-31 23:00", "1h"), 366 * 24, "hours of 2024")

local empty = date_range("2024-02-01", "2024-01-01")
t.is(#empty, 0, "stop before start gives an empty column")
t.is(empty:type(), "time", "an empty time column")
t.same(values(date_range("2024-01-01", "2024-01-01", "1mo")), { "2024-01-01" },
  "start = stop gives one value")

t.raises(function() return date_range("2024-01-01", "2024-02-01", "0d") end,
  "date_range: step '0d' must be positive", "a zero step")
t.raises(function() return date_range("2024-01-01", "2024-02-01", "-2h") end,
  "date_range: step '-2h' must be positive", "a negative step")
t.raises(function() return date_range("2024-01-01", "2024-02-01", "2 days") end,
  "date_range: unknown step '2 days' (expected year, quarter, month", "an unknown step")
t.raises(function() return date_range("01/02/2024", "2024-02-01") end,
  "date_range: start '01/02/2024' is not an ISO 8601 date or datetime", "a bad start")
t.raises(function() return date_range("2024-01-01", "2024-02-30") end,
  "date_range: stop '2024-02-30' is not an ISO 8601 date or datetime", "an impossible stop")
t.raises(function() return date_range("2000-01-01", "2024-01-01", "1s") end,
  "date_range: step '1s' from 2000-01-01 to 2024-01-01 gives 757382401 values, " ..
  "more than 100000000", "too many values")
t.raises(function() return date_range("2024-01-01") end,
  "bad argument #2 to 'date_range' (string expected, got no value)", "stop is required")
t.raises(function() return date_range({}, "2024-01-01") end,
  "bad argument #1 to 'date_range' (string expected, got table)", "start must be a string")

-- help
local saved, out = print, {}
print = function(s) out[#out + 1] = tostring(s) end
help"date_range"
help"Dates"
print = saved
local text = table.concat(out, "\n")
t.ok(text:find("date_range(start, stop [, step])", 1, true) ~= nil, "help shows the signature")
t.ok(text:find("Example:", 1, true) ~= nil, "help shows an example")
t.ok(text:find("\nDates\n", 1, true) ~= nil or text:find("^Dates\n") ~= nil,
  "help\"Dates\" lists the group")

t.done()
