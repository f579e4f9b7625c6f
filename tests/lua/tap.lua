-- A minimal TAP producer for the Lua tests: `local t = require "tap"`.
local M = { n = 0, failed = 0 }

local function report(pass, name, diag)
  M.n = M.n + 1
  if not pass then M.failed = M.failed + 1 end
  print(string.format("%s %d - %s", pass and "ok" or "not ok", M.n, name))
  if not pass and diag then
    print("#   " .. tostring(diag):gsub("\n", "\n#   "))
  end
  return pass
end

function M.ok(cond, name) return report(cond and true or false, name) end

function M.is(got, want, name)
  return report(got == want, name,
    string.format("got %s, want %s", tostring(got), tostring(want)))
end

-- |got - want| <= tol (both NaN also passes).
function M.near(got, want, tol, name)
  local pass = type(got) == "number" and
    ((got ~= got and want ~= want) or got == want or math.abs(got - want) <= tol)
  return report(pass, name,
    string.format("got %.17g, want %.17g", tonumber(got) or 0/0, want))
end

-- fn must raise an error whose message contains `pattern` (plain text).
function M.raises(fn, pattern, name)
  local okc, err = pcall(fn)
  local pass = not okc and tostring(err):find(pattern, 1, true) ~= nil
  return report(pass, name, okc and "no error raised" or ("error was: " .. tostring(err)))
end

function M.same(got, want, name)   -- shallow equality of two arrays
  local pass = #got == #want
  for i = 1, math.max(#got, #want) do
    if got[i] ~= want[i] then pass = false end
  end
  local function show(t)
    local parts = {}
    for i = 1, #t do parts[i] = tostring(t[i]) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  return report(pass, name, "got " .. show(got) .. ", want " .. show(want))
end

-- ---- running the binary ----------------------------------------------------
-- For the tests that drive the lunette binary (LUNETTE_EXE) through a shell.

-- s quoted for the shell.
function M.q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Files that M.done removes.
local tmpfiles = {}
function M.remove_at_done(path) tmpfiles[#tmpfiles + 1] = path end

-- A temporary file name (the file exists, empty), removed by M.done.
function M.tmpname()
  local name = os.tmpname()
  M.remove_at_done(name)
  return name
end

function M.write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

-- The file's contents (bytes as they are), nil when it cannot be opened.
function M.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Run the binary with a shell-quoted argument string and standard input;
-- return stdout, stderr and the exit status (128 + n for signal n).
-- `prefix` goes before the command in the shell (environment
-- assignments, ulimit ...).
function M.run(args, stdin, prefix)
  local exe = assert(os.getenv("LUNETTE_EXE"), "LUNETTE_EXE is not set")
  local out, err, inp = M.tmpname(), M.tmpname(), M.tmpname()
  M.write(inp, stdin or "")
  local cmd = string.format("%s %s %s <%s >%s 2>%s", prefix or "", M.q(exe), args,
    M.q(inp), M.q(out), M.q(err))
  local _, how, code = os.execute(cmd)
  return M.slurp(out), M.slurp(err), how == "exit" and code or 128 + code
end

-- The plan; removes the files of M.tmpname and exits 0 when every test
-- passed, 1 otherwise.
function M.done()
  for _, name in ipairs(tmpfiles) do os.remove(name) end
  print("1.." .. M.n)
  os.exit(M.failed == 0 and 0 or 1)
end

return M
