-- POST a new external table with 5 columns and its own location, each name unique.
local thread_id = 0
local counter = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local name = string.format("c_%d_%d_%d", tid, os.time(), counter)
  local body = string.format(
    '{"name":"%s","catalog_name":"bench","schema_name":"create","table_type":"EXTERNAL",' ..
    '"data_source_format":"DELTA","storage_location":"s3://bench/create/%s",' ..
    '"columns":[{"name":"id","type_name":"LONG"},{"name":"ts","type_name":"TIMESTAMP"},' ..
    '{"name":"region","type_name":"STRING"},{"name":"amount","type_name":"DECIMAL","type_precision":12,"type_scale":2},' ..
    '{"name":"note","type_name":"STRING","comment":"free text"}]}', name, name)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"]}
  return wrk.format("POST", "/api/2.1/unity-catalog/tables", headers, body)
end
