-- GET one of 300 tables by full name, rotating through the names.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/api/2.1/unity-catalog/tables/bench.get.t%04d", counter % 300))
end
