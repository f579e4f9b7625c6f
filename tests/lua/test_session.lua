-- view() without a viewer, the `session` global and session:save, and the
-- line REPL recording the commands that succeeded (the binary driven with
-- -i and a file as standard input).  The viewer and the plot sink, which
-- only a host sets, are tested from C (tests/scripting/test_hooks.c).
local t = require "tap"

local exe = assert(os.getenv("LUNETTE_EXE"), "LUNETTE_EXE is not set")

local q, tmpname, write, slurp, run = t.q, t.tmpname, t.write, t.slurp, t.run

-- What print prints while fn runs, and fn's results packed.
local function printed(fn, ...)
  local saved, out = print, {}
  print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    out[#out + 1] = table.concat(parts, "\t")
  end
  local res = table.pack(pcall(fn, ...))
  print = saved
  if not res[1] then error(res[2], 0) end
  return table.concat(out, "\n"), table.pack(table.unpack(res, 2, res.n))
end

-- A scratch directory, removed at the end.
local dir = tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. q(dir)))

-- ---- view() without a viewer ----------------------------------------------------

local df = frame{ id = { 1, 2, 3 }, city = { "Oslo", "Zürich", NA } }
local out, res = printed(view, df)
t.is(out, tostring(df), "view(df) prints the frame as the REPL does")
t.is(res.n, 0, "view returns nothing")
out = printed(view, df.city)
t.is(out, tostring(frame{ city = df.city }), "view(col) prints it as a one-column frame")
out = printed(view, df, { name = "df" })
t.is(out, tostring(df), "view(df, opts)")
local empty = frame{}
t.is(printed(view, empty), tostring(empty), "view of an empty frame")

t.raises(function() view(42) end,
  "bad argument #1 to 'view' (Frame or Column expected, got number)", "view(42)")
t.raises(function() view() end,
  "bad argument #1 to 'view' (Frame or Column expected, got no value)", "view()")
t.raises(function() view({ 1, 2 }) end, "(Frame or Column expected, got table)",
  "view of a Lua table")
t.raises(function() view(df, 3) end, "bad argument #2 to 'view'", "view with bad options")
t.raises(function() view(df, { nam = "x" }) end, "did you mean 'name'?", "a misspelt option")
do
  local closed
  do
    local c <close> = frame{ x = { 1 } }
    closed = c
  end
  t.raises(function() view(closed) end, "bad argument #1 to 'view' (frame is closed)",
    "view of a closed frame")
end

-- ---- the session object in a script ----------------------------------------------------

t.is(getmetatable(session).__name, "lunette.Session", "session is a lunette.Session")
t.ok(rawequal(require("lunette").session, session), "the library's session is the global")
t.is(tostring(session), "lunette session: no commands yet", "a script records nothing")
t.is(#session:commands(), 0, "session:commands() of a script is empty")

local header = "^%-%- lunette session saved %d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d[+-]%d%d:%d%d\n"
local empty_path = dir .. "/empty.lua"
t.is(session:save(empty_path), 0, "saving an empty session returns 0")
local text = slurp(empty_path)
t.ok(text and text:find(header), "the file starts with the date in ISO 8601")
t.is(text and (text:gsub(header, "", 1)),
  "-- Run it with: lunette " .. empty_path .. "   (add -i to stay in the REPL)\n\n",
  "an empty session: the header alone")

t.raises(function() session:save() end,
  "bad argument #1 to 'save' (string expected, got no value)", "save needs a path")
t.raises(function() session.save(df, "x.lua") end, "lunette.Session expected",
  "save on another object")
t.raises(function() session:save(dir .. "/no/such/dir/a.lua") end,
  "session:save: cannot write '" .. dir .. "/no/such/dir/a.lua': No such file or directory",
  "a missing directory: the error names the file and the reason")

-- ---- the REPL records the commands that succeeded ---------------------------------------

local saved = dir .. "/analysis.lua"
local input = table.concat({
  "x = 10",
  "   y = x * 2   ",
  "",
  "x + y",
  "error('boom')",                       -- fails: not recorded
  "z = = 1",                             -- a syntax error: not recorded
  "?frame",                              -- help: not recorded
  "function twice(v)",
  "  return 2 * v",
  "end",
  "df = frame{ n = { 1, 2 } }",
  "view(df)",
  "view(nope)",                          -- fails: not recorded
  "df -- the frame",
  "session",
  "  session:commands()",
  "print(#session:commands())",
  "session.save(session, " .. string.format("%q", saved) .. ")",
  "print(tostring(session))",
}, "\n") .. "\n"
local replout, replerr, code = run("-i", input)
t.is(code, 0, "the REPL session ran")
t.ok(replerr:find("boom", 1, true) and replerr:find("'view'", 1, true),
  "the failing commands failed")

local script = slurp(saved)
t.ok(script and script:find(header), "session:save from the REPL writes the header")
t.is(script and (script:gsub(header, "", 1)), table.concat({
  "-- Run it with: lunette " .. saved .. "   (add -i to stay in the REPL)",
  "",
  "x = 10",
  "y = x * 2",
  "print(x + y)",
  "function twice(v)",
  "  return 2 * v",
  "end",
  "df = frame{ n = { 1, 2 } }",
  "view(df)",
  "print(df -- the frame",
  ")",
  "print(#session:commands())",
  "",
}, "\n"), "the script: each command that succeeded, in order, expressions printed")
t.ok(replout:find("\n> print(#session:commands())\n7\n", 1, true),
  "session:commands() counts the recorded commands")
t.ok(replout:find("\nlunette session: 8 commands; session:save(path) writes them as a script\n" ..
                  "  4  function twice(v)\n" ..
                  "       return 2 * v\n" ..
                  "     end\n" ..
                  "  5  df = frame{ n = { 1, 2 } }\n" ..
                  "  6  view(df)\n" ..
                  "  7  df -- the frame\n" ..
                  "  8  print(#session:commands())\n> ", 1, true),
  "tostring(session): the count and the last five commands")

-- The saved script replays: what the REPL printed, without prompts.
local sout, serr, scode = run(q(saved))
t.is(scode, 0, "the saved script runs")
if scode ~= 0 then print("# " .. serr:gsub("\n", "\n# ")) end
local frame_text = tostring(frame{ n = { 1, 2 } })
t.is(sout, "30\n" .. frame_text .. "\n" .. frame_text .. "\n0\n",
  "the script prints what the session printed (view prints the frame)")

-- ---- atomic writes ---------------------------------------------------------------------

-- A full disk, as a limit on the file size (which binds root too): the
-- write fails, the old file stays whole and no temporary file is left.
local old = dir .. "/old.lua"
write(old, "-- the old analysis\n")
local long = {}
for i = 1, 200 do long[i] = string.format("v%d = %d -- %s", i, i, string.rep("x", 40)) end
local inp, errf = tmpname(), tmpname()
write(inp, table.concat(long, "\n") .. "\nsession:save(" .. string.format("%q", old) .. ")\n")
-- (stdout to /dev/null: the limit binds the files the shell opens too)
os.execute(string.format("(trap '' XFSZ; ulimit -f 4; exec %s -i) <%s >/dev/null 2>%s",
  q(exe), q(inp), q(errf)))
local ferr = slurp(errf)
t.ok(ferr:find("session:save: cannot write '" .. old .. "': File too large", 1, true),
  "a failed write raises with the file name and the reason")
t.is(slurp(old), "-- the old analysis\n", "the old file stays as it was")
local listing = io.popen("ls -A " .. q(dir)):read("a")
t.is(listing, "analysis.lua\nempty.lua\nold.lua\n", "no temporary file is left behind")

-- A directory that cannot be written (not for root, who writes anyway).
local ro = dir .. "/ro"
assert(os.execute("mkdir " .. q(ro)))
local target = ro .. "/report.lua"
write(target, "-- kept\n")
assert(os.execute("chmod 555 " .. q(ro)))
local probe = io.open(ro .. "/probe", "w")
if probe then
  probe:close()
  os.remove(ro .. "/probe")
  t.ok(true, "a directory that cannot be written # SKIP root writes anyway")
  t.ok(true, "... and the old file stays # SKIP root writes anyway")
else
  t.raises(function() session:save(target) end,
    "session:save: cannot write '" .. target .. "': Permission denied",
    "a directory that cannot be written: the error names the file")
  t.is(slurp(target), "-- kept\n", "... and the old file stays")
end
os.execute("chmod 755 " .. q(ro))

-- The file keeps its mode; a symbolic link keeps pointing at it.
local moded = dir .. "/moded.lua"
write(moded, "old\n")
os.execute("chmod 640 " .. q(moded) .. "; ln -s moded.lua " .. q(dir .. "/link.lua"))
session:save(dir .. "/link.lua")
t.is(io.popen("stat -c %a " .. q(moded)):read("l"), "640", "a replaced file keeps its mode")
t.is(io.popen("readlink " .. q(dir .. "/link.lua")):read("l"), "moded.lua",
  "saving through a symbolic link replaces its target, not the link")
t.ok(slurp(moded):find(header), "... which holds the session")

os.execute("rm -rf " .. q(dir))
t.done()
