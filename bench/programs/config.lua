-- config.lua: INI-style configuration files (sections, comments, quoted
-- values, continuation lines, ${section.key} references) generated, parsed
-- into tables, resolved and queried.
-- Usage: config.lua [files]   (default 300). See LICENSE.
local fmt, concat, match, gsub = string.format, table.concat,
  string.match, string.gsub
local nfiles = tonumber(arg and arg[1]) or 300

local seed = 11
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local function generate(f)
  local out = { "; generated configuration " .. f, "" }
  for s = 1, 12 do
    out[#out + 1] = fmt("[section%d]", s)
    for k = 1, 14 do
      local kind = rnd(6)
      local v
      if kind == 0 then v = tostring(rnd(100000))
      elseif kind == 1 then v = fmt('"quoted value %d ; not a comment"', k)
      elseif kind == 2 then v = rnd(2) == 0 and "true" or "off"
      elseif kind == 3 then v = fmt("${section%d.key%d}/sub", rnd(s) + 1, 1)
      elseif kind == 4 then v = "first part \\"
      else v = fmt("%.3f", rnd(100000) / 1000) end
      out[#out + 1] = fmt("%skey%d %s %s", rnd(3) == 0 and "  " or "", k,
        rnd(2) == 0 and "=" or ":", v)
      if kind == 4 then out[#out + 1] = "   continued here" end
      if rnd(4) == 0 then out[#out + 1] = "# a comment line" end
    end
    out[#out + 1] = ""
  end
  return concat(out, "\n")
end

local function parse(text)
  -- cur is the current section's table, which conf holds: written, never read
  local conf, order, cur = {}, {}, nil -- luacheck: ignore 331
  local pending
  for line in text:gmatch("([^\n]*)\n?") do
    if pending then
      local key, v = pending[1], pending[2]
      v = v .. " " .. match(line, "^%s*(.-)%s*$")
      if v:sub(-1) == "\\" then pending[2] = v:sub(1, -2):gsub("%s+$", "")
      else cur[key] = v; pending = nil end
    elseif not match(line, "^%s*$") and not match(line, "^%s*[;#]") then
      local name = match(line, "^%s*%[([^%]]+)%]%s*$")
      if name then
        cur = {}
        conf[name] = cur
        order[#order + 1] = name
      else
        local key, v = match(line, "^%s*([%w_.]+)%s*[=:]%s*(.-)%s*$")
        assert(key, "bad line: " .. line)
        local q = match(v, '^"(.*)"$')
        if q then cur[key] = q
        elseif v:sub(-1) == "\\" then
          pending = { key, (v:sub(1, -2):gsub("%s+$", "")) }
        else cur[key] = v end
      end
    end
  end
  return conf, order
end

local function resolve(conf, v, depth)
  if depth > 8 then return v end
  return (gsub(v, "%${([%w_]+)%.([%w_]+)}", function(s, k)
    local sec = conf[s]
    return sec and sec[k] and resolve(conf, sec[k], depth + 1) or ""
  end))
end

local function value(conf, s, k)
  local v = resolve(conf, conf[s][k] or "", 0)
  if v == "true" or v == "on" then return 1 end
  if v == "false" or v == "off" then return 0 end
  return tonumber(v) or #v
end

local total, sections, bytes = 0, 0, 0
for f = 1, nfiles do
  local text = generate(f)
  bytes = bytes + #text
  local conf, order = parse(text)
  sections = sections + #order
  for _, s in ipairs(order) do
    for k = 1, 14 do total = total + value(conf, s, "key" .. k) end
  end
end
print(fmt("config: %d files, %d sections, %d bytes", nfiles, sections, bytes))
print(fmt("checksum: %.3f", total))
