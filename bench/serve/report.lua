-- Shared by every bench/serve script: numbers each wrk thread (setup), checks every response's status
-- (response), and prints one machine-readable line at the end (done), which bench/serve/run reads:
--   WRK_RESULT {"requests":..., "duration_us":..., "lat_p99_us":..., "non2xx":..., ...}
--   WRK_FIRST_ERROR <status> <first 300 bytes of the body>      (only when a response was not 2xx)
-- wrk runs setup() and done() in its main Lua state and the rest in one state per thread.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

bad = 0          -- per thread: responses that were not 2xx
first_error = nil

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if not first_error then first_error = status .. " " .. string.sub(body or "", 1, 300):gsub("%s+", " ") end
  end
end

function done(summary, latency, requests)
  local bad_total, first = 0, nil
  for _, t in ipairs(threads) do
    bad_total = bad_total + (t:get("bad") or 0)
    first = first or t:get("first_error")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"non2xx":%d,"lat_mean_us":%.0f,"lat_p50_us":%d,"lat_p90_us":%d,' ..
    '"lat_p99_us":%d,"lat_max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    math.max(e.status, bad_total), latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
  if first then io.write("WRK_FIRST_ERROR " .. first .. "\n") end
end
