-- wrk script for bench/run.sh: POSTs a JSON body, gives every request a unique idempotency key,
-- counts non-2xx answers and prints one JSON line of results.
--
--   wrk -t2 -c4 -d30s -s bench/wrk/post.lua <url> -- <body-file> [<Authorization header value>]
--
-- Every "__KEY__" in the body file is replaced by a key unique across threads, runs and machines
-- (run id from time + random, thread number, counter), so each request is a new proposal.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local path = args[1]
  local f = assert(io.open(path, "rb"), "cannot read body file " .. tostring(path))
  template = f:read("*a")
  f:close()
  math.randomseed(os.time() * 1000 + tid * 7919 + math.floor(os.clock() * 1000000))
  run_id = string.format("%x-%06x", os.time(), math.random(0, 0xffffff))
  headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if args[2] and args[2] ~= "" then
    headers["Authorization"] = args[2]
  end
  counter = 0
  non2xx = 0
  first_bad = ""
end

function request()
  counter = counter + 1
  local key = "bench-" .. run_id .. "-t" .. tid .. "-" .. counter
  local body = template:gsub("__KEY__", key)
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == "" then
      first_bad = status .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

local function esc(s)
  return (s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' '))
end

function done(summary, latency, requests)
  local bad, sample = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    local fb = t:get("first_bad") or ""
    if sample == "" and fb ~= "" then sample = fb end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  -- latencies in milliseconds
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,' ..
    '"mean_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"socket_errors":%d,"timeouts":%d,"first_bad":"%s"}\n',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000, bad,
    e.connect + e.read + e.write, e.timeout, esc(sample)))
end
