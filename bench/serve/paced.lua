-- bench/serve: single posts at a fixed rate, to measure latency at a given load rather than at saturation.
--   wrk -t T ... -s paced.lua URL -- TOKEN PREFIX 1 RATE_PER_THREAD
-- wrk has no rate option; delay() (called before each request of every connection) hands out send times
-- from one schedule per thread, 1/RATE_PER_THREAD apart. A slot that passes while every connection is
-- busy is dropped, not made up later with a burst, so a server that cannot keep up shows as an achieved
-- rate below the target (bench/serve/run reports the achieved rate). Latency is measured by wrk from the
-- moment a request is sent, so it does not include time spent waiting for a slot.
require("webhook")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } parley_timespec;
  int clock_gettime(int clk, parley_timespec* ts);
]]
local ts = ffi.new("parley_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local webhook_init = init
local interval_us, next_us

function init(args)
  webhook_init(args)
  local rate = tonumber(args[4] or "") or error("paced.lua: pass the rate per thread after the batch size")
  interval_us = 1e6 / rate
  next_us = now_us()
end

function delay()
  local t = now_us()
  if next_us < t then next_us = t end
  local wait = next_us - t
  next_us = next_us + interval_us
  return math.floor(wait / 1000 + 0.5)  -- wrk's timers have millisecond resolution
end
