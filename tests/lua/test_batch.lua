-- Batch mode and the command line of the lunette binary: -e, scripts and
-- their arguments, standard input, data files, exit statuses, errors.
-- Runs as `lunette test_batch.lua` with LUNETTE_EXE = the binary to test.
local t = require "tap"

local examples = assert(os.getenv("LUNETTE_EXAMPLES"), "LUNETTE_EXAMPLES is not set")
local air = examples .. "/data/air_passengers.csv"

local q, tmpname, write, run = t.q, t.tmpname, t.write, t.run

local function quoted(...)
  local parts = {}
  for i, a in ipairs({ ... }) do parts[i] = q(a) end
  return table.concat(parts, " ")
end

-- -e
local out, err, code = run(quoted("-e", "print(1 + 1)"))
t.is(out, "2\n", "-e prints what the chunk prints")
t.is(code, 0, "-e exits 0 on success")
t.is(err, "", "-e writes nothing on stderr on success")

out, _, code = run(quoted("-e", "x = 1", "-e", "x = x * 10", "-ex = x + 2", "-e", "print(x)"))
t.is(out, "12\n", "several -e run in order (also -ecode)")
t.is(code, 0, "several -e exit 0")

out, err, code = run(quoted("-e", "local function boom() error('boom') end boom()"))
t.is(code, 1, "a runtime error exits 1")
t.is(out, "", "nothing on stdout after the error")
t.ok(err:find("(command line):1: boom", 1, true), "the error message names the chunk")
t.ok(err:find("stack traceback:", 1, true), "the error comes with a traceback")
t.ok(err:find("(command line):1: in local 'boom'", 1, true),
  "the traceback names the function that failed")

out, err, code = run(quoted("-e", "print('ran')", "-e", "x = = 1", "-e", "print('not reached')"))
t.is(code, 1, "a syntax error exits 1")
t.is(out, "ran\n", "chunks before the bad one ran, later ones did not")
t.ok(err:find("unexpected symbol", 1, true), "the syntax error is reported")

_, _, code = run(quoted("-e", "os.exit(5)"))
t.is(code, 5, "os.exit sets the exit status")

-- Scripts and arg
local script = tmpname()
write(script, [[
print(arg[0], arg[1], arg[2], #arg, select("#", ...), ...)
print(arg[-1] == os.getenv("LUNETTE_EXE"))
]])
out, err, code = run(quoted(script, "a", "b c"))
t.is(out, script .. "\ta\tb c\t2\t2\ta\tb c\ntrue\n",
  "arg[0] is the script, arg[1..] and ... its arguments, arg[-1] the binary")
t.is(code, 0, "a script exits 0 on success")
t.is(err, "", "a script that succeeds writes nothing on stderr")

out, _, code = run(quoted(script, "-e", "--help"))
t.is(out, script .. "\t-e\t--help\t2\t2\t-e\t--help\ntrue\n",
  "options after the script belong to the script")
t.is(code, 0, "options after the script are not lunette's")

write(script .. ".lua", "print(x)")
t.remove_at_done(script .. ".lua")
out, _, code = run(quoted("-e", "x = 'set by -e'", script .. ".lua"))
t.is(out, "set by -e\n", "-e runs before the script")
t.is(code, 0, "-e then a script exits 0")

local failing = tmpname()
write(failing, "local t = nil\nreturn t.field\n")
out, err, code = run(quoted(failing))
t.is(code, 1, "a failing script exits 1")
t.ok(err:find(failing .. ":2:", 1, true), "the error names the script and line")
t.ok(err:find("stack traceback:", 1, true), "a failing script shows a traceback")

_, err, code = run(quoted("/nonexistent/script.lua"))
t.is(code, 1, "a missing script exits 1")
t.ok(err:find("/nonexistent/script.lua", 1, true), "the error names the missing script")

-- Standard input
out, _, code = run(quoted("-", "x", "y"), "print('piped', ...)\n")
t.is(out, "piped\tx\ty\n", "'-' runs standard input with the arguments after it")
t.is(code, 0, "'-' exits 0 on success")

out, _, code = run("", "print(#arg, 6 * 7)\n")
t.is(out, "0\t42\n", "without arguments a non-terminal stdin runs as a script")
t.is(code, 0, "a script on stdin exits 0")

_, err, code = run("", "error('from stdin')\n")
t.is(code, 1, "an error in a script on stdin exits 1")
t.ok(err:find("stdin:1: from stdin", 1, true), "the error names stdin")

-- Data files
out, err, code = run(quoted(air, "-e", "print(#air_passengers, air_passengers:ncol())"))
t.is(out, "144\t2\n", "a data file loads into a global named after it, before -e")
t.is(code, 0, "loading a data file exits 0")
t.is(err, "", "loading in batch mode prints no summary")

out = run(quoted(air), "print(air_passengers:names()[2])\n")
t.is(out, "passengers\n", "a data file is loaded before a script on stdin")

local dir = tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. q(dir)))
local odd = dir .. "/2019 sales-v2.CSV"
write(odd, "x,y\n1,2\n3,4\n")
out, err, code = run(quoted(odd, "-e", "print(#_2019_sales_v2)"))
t.is(out, "2\n", "file names become identifiers: '2019 sales-v2.CSV' -> _2019_sales_v2")
t.is(code, 0, "an odd file name still loads")
os.remove(odd)
os.remove(dir)

out, err, code = run(quoted(dir .. "/missing.csv", "-e", "print('not reached')"))
t.is(code, 1, "a missing data file exits 1")
t.is(out, "", "nothing runs after a data file fails to load")
t.ok(err:find("missing.csv", 1, true), "the error names the data file")

-- The REPL on a non-terminal stdin (-i): auto-print, _ and continuation lines
out, err, code = run(quoted("-i", "-e", "x = 5"),
  "x * 2\n_ + 1\nfunction f()\nreturn 42\nend\nf()\nerror('e')\nx\n")
t.ok(out:find("\n10\n", 1, true), "-i: an expression's value is printed")
t.ok(out:find("\n11\n", 1, true), "-i: _ holds the last value")
t.ok(out:find("\n42\n", 1, true), "-i: a statement continues over several lines")
t.ok(out:find("\n5\n", 1, true), "-i: variables survive an error")
t.ok(err:find("stdin:1: e", 1, true), "-i: errors are reported on stderr")
t.is(code, 0, "-i: the end of the input exits 0")

out, err, code = run(quoted("-i", air), "air_passengers:ncol()\n")
t.ok(out:find("air_passengers: 144 rows x 2 cols\n", 1, true),
  "-i: a data file prints a summary line")

-- No history file outside a REPL on a terminal
local state = tmpname()
os.remove(state)
local env = "XDG_STATE_HOME=" .. q(state)
run(quoted("-e", "x = 1"), nil, env)
run(quoted("-i"), "y = 2\n", env)
t.ok(not io.open(state .. "/lunette/history"), "batch mode and piped -i write no history")
os.remove(state)

-- Ctrl-C in batch mode: the script interrupts itself with SIGINT
out, err, code = run(quoted("-e", [[
local pid = io.open("/proc/self/stat"):read("n")
io.popen("kill -INT " .. pid):close()
while true do end]]))
t.is(code, 130, "Ctrl-C interrupts a script with status 130")
t.ok(err:find("interrupted!", 1, true), "an interrupted script says so")

-- Options
out, _, code = run("--version")
t.ok(out:match("^lunette %d+%.%d+%.%d+ %(Lua 5%.4"), "--version prints the version")
t.is(code, 0, "--version exits 0")

out, _, code = run("--help")
t.ok(out:find("usage: lunette", 1, true) and out:find("-e code", 1, true),
  "--help prints the usage")
t.is(code, 0, "--help exits 0")

out, err, code = run("--bogus")
t.is(code, 2, "an unknown option exits 2")
t.is(out, "", "an unknown option prints nothing on stdout")
t.ok(err:find("unrecognized option '--bogus'", 1, true), "the usage error names the option")

_, err, code = run("-e")
t.is(code, 2, "-e without code exits 2")
t.ok(err:find("'-e' needs an argument", 1, true), "the usage error says what is missing")

out, _, code = run(quoted("--plain", "-e", "print('plain')"))
t.is(out, "plain\n", "--plain is accepted in batch mode")
t.is(code, 0, "--plain exits 0")

t.done()
