-- template.lua: a small template engine: {{name}} and {{name|filter}}
-- substitution with gsub and functions, {{#list}}...{{/list}} sections and
-- HTML escaping, rendering a page per generated record.
-- Usage: template.lua [pages]   (default 3000). See LICENSE.
local fmt, concat, gsub, upper = string.format, table.concat, string.gsub,
  string.upper
local npages = tonumber(arg and arg[1]) or 3000

local seed = 5
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local page = [[
<html><head><title>{{title|escape}}</title></head>
<body>
<h1>{{title|upper}}</h1>
<p>Dear {{user.name}}, you have {{user.count}} new messages
(last login {{user.last}}).</p>
<ul>
{{#items}}  <li class="{{kind}}">{{name|escape}}: {{price|money}} x {{qty}}</li>
{{/items}}</ul>
<p>Total: {{total|money}}; {{missing}} {{note|escape}}</p>
</body></html>
]]

local entities = { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;",
  ['"'] = "&quot;" }
local filters = {
  escape = function(s) return (gsub(s, '[<>&"]', entities)) end,
  upper = upper,
  money = function(v) return fmt("%.2f EUR", v) end,
}

local function lookup(ctx, path)
  local v = ctx
  for part in path:gmatch("[^.]+") do
    if type(v) ~= "table" then return nil end
    v = v[part]
  end
  return v
end

local function render(tpl, ctx)
  tpl = gsub(tpl, "{{#(%w+)}}(.-){{/%1}}", function(name, body)
    local out = {}
    for i, item in ipairs(ctx[name] or {}) do
      out[i] = render(body, item)
    end
    return concat(out)
  end)
  return (gsub(tpl, "{{([%w.]+)|?(%w*)}}", function(path, filter)
    local v = lookup(ctx, path)
    if v == nil then return "" end
    if filter ~= "" then return filters[filter](v) end
    return tostring(v)
  end))
end

local kinds = { "book", "tool", "food & drink", "<toy>" }
local total, bytes = 0, 0
for p = 1, npages do
  local items, sum = {}, 0
  for i = 1, 4 + rnd(8) do
    local price = rnd(10000) / 100
    local qty = rnd(5) + 1
    items[i] = { kind = kinds[rnd(#kinds) + 1], qty = qty, price = price,
      name = fmt('item "%d" <%s>', rnd(1000), kinds[rnd(#kinds) + 1]) }
    sum = sum + price * qty
  end
  local out = render(page, {
    title = fmt("Order #%d & co", p),
    user = { name = "user" .. rnd(100), count = rnd(50),
      last = fmt("2024-%02d-%02d", rnd(12) + 1, rnd(28) + 1) },
    items = items, total = sum, note = p % 3 == 0 and "<b>thanks</b>" or "",
  })
  bytes = bytes + #out
  for n in out:gmatch("(%d+%.%d%d) EUR") do total = total + tonumber(n) end
end
print(fmt("template: %d pages, %d bytes", npages, bytes))
print(fmt("checksum: %.2f", total))
