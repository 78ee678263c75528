-- hello.lua: the smallest moonbox program: build/moonbox examples/hello.lua [name]
local who = arg[1] or "world"
print(string.format("Hello, %s, from %s!", who, _VERSION))
