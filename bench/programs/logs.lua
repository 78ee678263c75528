-- logs.lua: web-server log lines generated, then parsed with patterns
-- (string.match, gmatch, find): status counts, bytes per path, slow
-- requests, clients per hour, user agents.
-- Usage: logs.lua [lines]   (default 30000). See LICENSE.
local fmt, concat, match = string.format, table.concat, string.match
local nlines = tonumber(arg and arg[1]) or 30000

local seed = 23
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local methods = { "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD" }
local paths = { "/", "/index.html", "/api/v1/users", "/api/v1/orders",
  "/static/app.js", "/static/style.css", "/login", "/search" }
local statuses = { 200, 200, 200, 200, 304, 301, 404, 500, 403 }
local agents = { "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0",
  "Wget/1.21", "Mozilla/5.0 (Windows NT 10.0)", "python-requests/2.31" }
local months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun" }

local lines = {}
for i = 1, nlines do
  local path = paths[rnd(#paths) + 1]
  if rnd(3) == 0 then path = path .. "?q=" .. rnd(1000) .. "&page=" .. rnd(9) end
  lines[i] = fmt('127.%d.%d.%d - user%d [%02d/%s/2024:%02d:%02d:%02d +0000] ' ..
    '"%s %s HTTP/1.1" %d %d "-" "%s" rt=%.3f',
    rnd(4), rnd(256), rnd(256), rnd(50), rnd(28) + 1, months[rnd(6) + 1],
    rnd(24), rnd(60), rnd(60), methods[rnd(#methods) + 1], path,
    statuses[rnd(#statuses) + 1], rnd(50000), agents[rnd(#agents) + 1],
    rnd(3000) / 1000)
end
local text = concat(lines, "\n") .. "\n"

local pat = '^(%S+) %S+ (%S+) %[(%d+)/(%a+)/(%d+):(%d+):%d+:%d+ [^%]]*%] ' ..
  '"(%u+) ([^ "?]*)%??([^ "]*) [^"]*" (%d+) (%d+) "[^"]*" "([^"]*)" rt=([%d.]+)$'
local status, bytes, hours, slow, agentn, clients = {}, {}, {}, 0, {}, {}
local params, n = 0, 0
for line in text:gmatch("[^\n]+") do
  local ip, user, day, mon, year, hour, method, path, query, st, size, agent,
    rt = match(line, pat)
  assert(ip, line)
  n = n + 1
  status[st] = (status[st] or 0) + 1
  bytes[path] = (bytes[path] or 0) + tonumber(size)
  local h = tonumber(hour)
  hours[h] = (hours[h] or 0) + 1
  if tonumber(rt) > 2.5 then slow = slow + 1 end
  local family = match(agent, "^[%a%-]+")
  agentn[family] = (agentn[family] or 0) + 1
  clients[match(ip, "^%d+%.%d+%.%d+")] = true
  for k, v in query:gmatch("(%w+)=(%w+)") do params = params + #k + #v end
  if method == "POST" and user:find("1", 1, true) then params = params + 1 end
  assert(#day == 2 and #mon == 3 and year == "2024")
end

local function sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end
local check = 0
for _, k in ipairs(sorted(status)) do
  print(fmt("status %s: %d", k, status[k]))
  check = check + tonumber(k) * status[k]
end
for _, k in ipairs(sorted(bytes)) do
  print(fmt("%-20s %d bytes", k, bytes[k]))
  check = check + bytes[k]
end
for _, k in ipairs(sorted(agentn)) do print(fmt("agent %s: %d", k, agentn[k])) end
local nclients = 0
for _ in pairs(clients) do nclients = nclients + 1 end
for h = 0, 23 do check = check + h * (hours[h] or 0) end
print(fmt("checksum: %d lines %d slow %d clients %d params %d", n, slow,
  nclients, params, check))
