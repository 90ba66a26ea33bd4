-- Lineage graph queries through the REST API: BOTH directions from a random dataset of layer 10
-- of the 100k graph, first page of up to 1,000 nodes of a walk capped at 10,000 (as the lineage
-- module's own benchmark asks), depth BENCH_DEPTH; or, with BENCH_COLUMN set, column lineage
-- UPSTREAM of that column of a random layer-20 dataset.
local jobs = tonumber(os.getenv("BENCH_JOBS_PER_LAYER") or "2500")
local depth = os.getenv("BENCH_DEPTH") or "5"
local column = os.getenv("BENCH_COLUMN")
local errors = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + (id or 0))
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["Accept"] = "application/json"
  failures = 0
end

function request()
  if column then
    local name = string.format("warehouse%%2Flayer20%%2Ftable%d", math.random(0, jobs - 1))
    return wrk.format("GET", "/api/gatehouse/v1/lineage/columns?namespace=s3%3A%2F%2Fbench-lake&name=" .. name
      .. "&column=" .. column .. "&direction=upstream&depth=" .. depth .. "&max_nodes=10000")
  end
  local name = string.format("warehouse%%2Flayer10%%2Ftable%d", math.random(0, jobs - 1))
  return wrk.format("GET", "/api/gatehouse/v1/lineage/graph?namespace=s3%3A%2F%2Fbench-lake&name=" .. name
    .. "&direction=both&depth=" .. depth .. "&max_nodes=10000&max_results=1000")
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do
    failures = failures + thread:get("failures")
  end
  io.write(string.format("answers other than 200: %d\n", failures))
end
