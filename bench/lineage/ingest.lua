-- Posts the events of a newline-delimited file (BENCH_EVENTS) once each, to /api/v1/lineage one
-- by one, or to /api/v1/lineage/batch BENCH_BATCH at a time; each wrk thread sends its share and
-- stops. Non-201 answers are counted and reported.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS") or "1")
  local batch = tonumber(os.getenv("BENCH_BATCH") or "1")
  local lines = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_EVENTS")) do
    if i % n == id then
      table.insert(lines, line)
    end
    i = i + 1
  end
  bodies = {}
  if batch <= 1 then
    path = "/api/v1/lineage"
    bodies = lines
  else
    path = "/api/v1/lineage/batch"
    for k = 1, #lines, batch do
      local last = math.min(k + batch - 1, #lines)
      table.insert(bodies, "[" .. table.concat(lines, ",", k, last) .. "]")
    end
  end
  lines = nil
  collectgarbage()
  next_body = 1
  answered = 0
  errors = 0
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

function request()
  local body = bodies[((next_body - 1) % #bodies) + 1]
  next_body = next_body + 1
  return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 201 then
    errors = errors + 1
  end
  if answered >= #bodies then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("errors")
  end
  io.write(string.format("answers other than 201: %d\n", errors))
end
