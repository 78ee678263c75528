-- rows.lua: rows(db, sql) -> every row of sql, its values tostring'd and
-- tab-joined, one row a line; for tests/lua/sqlite3.lua and the app it
-- bundles (tests/zip/sqlite_app.lua). See LICENSE.
return function(db, sql)
  local out = {}
  for r in db:rows(sql) do
    for i = 1, #r do r[i] = tostring(r[i]) end
    out[#out + 1] = table.concat(r, "\t")
  end
  return table.concat(out, "\n")
end
