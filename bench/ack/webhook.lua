-- wrk script for POST /webhook/sim: a realistic simulator event per request, each with its
-- own event_id (so every request is one inbox insert, as on a live group).
--   BODY=text|image   IMAGE=path to a JPEG (image bodies carry it base64, ~2 MB)
--   RATE=req/s in total (0: as fast as possible); each connection waits a random time after
--   each answer (exponential, mean CONNECTIONS/RATE), so the requests arrive as independent
--   senders' would (Poisson), an approximate open loop while the latency stays well under
--   the mean wait. A fixed wait kept the connections answered by one commit in step ever
--   after: at "500 req/s" the server saw bursts of ~20 requests every 40 ms (commits of
--   17-22 events at p99), which measured the burst, not the rate.
-- done() prints one line the bench script parses:  RESULT requests= seconds= p50_ms= p99_ms= errors=
local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local function base64(data)
  local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = {}
    for k = 3, 0, -1 do
      local index = math.floor(n / 64 ^ k) % 64 + 1
      chars[#chars + 1] = alphabet:sub(index, index)
    end
    if not b then chars[3] = "=" end
    if not c then chars[4] = "=" end
    out[#out + 1] = table.concat(chars)
  end
  return table.concat(out)
end

local prefix, suffix, pacing_ms

function init(args)
  local image = ""
  if os.getenv("BODY") == "image" then
    local file = assert(io.open(os.getenv("IMAGE"), "rb"))
    image = ',"image_b64":"' .. base64(file:read("*a")) .. '"'
    file:close()
  end
  prefix = '{"event_id":"bench-' .. os.time() .. '-' .. thread_id .. '-'
  suffix = '","group_id":"g-hanjia","user_id":"sim:handefu","user_name":"韩德福",' ..
           '"time":"2026-11-22T08:00:00+08:00","text":"南河桥边的垃圾堆了好几天了，没人清理，味道很大"' ..
           image .. '}'
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local rate = tonumber(os.getenv("RATE") or "0")
  local connections = tonumber(os.getenv("CONNECTIONS") or "1")
  math.randomseed(os.time() * 100 + thread_id)  -- wrk's threads must not draw the same waits
  pacing_ms = rate > 0 and (1000 * connections / rate) or 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefix .. counter .. suffix)
end

function delay()
  if pacing_ms == 0 then return 0 end
  return -math.log(1 - math.random()) * pacing_ms
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
