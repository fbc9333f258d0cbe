-- wrk script: replay pre-signed WeChat requests from a file, one "path<TAB>body" per line.
-- Usage: wrk -s bench/wechat.lua URL -- REQUESTS_FILE [check]
-- Requests are formatted once, in init(), so the load generator spends little per request.
-- With "check", every response is read: non-200 answers and bodies that are not an XML
-- reply are counted. Without it wrk does not hand bodies to Lua (the cheaper load); it still
-- counts HTTP error statuses itself. Prints one JSON line at the end.

local reqs, i, n = {}, 0, 0
local headers = {["Content-Type"] = "text/xml"}
bad, notxml, wraps, sent = 0, 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local tab = line:find("\t", 1, true)
    n = n + 1
    reqs[n] = wrk.format("POST", line:sub(1, tab - 1), headers, line:sub(tab + 1))
  end
  assert(n > 0, "no requests in " .. args[1])
  if args[2] ~= "check" then
    response = nil
  end
end

function request()
  i = i + 1
  if i > n then
    i = 1
    wraps = wraps + 1
  end
  sent = sent + 1
  return reqs[i]
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  elseif body:sub(1, 5) ~= "<xml>" then
    notxml = notxml + 1
  end
end

function done(summary, latency, requests)
  local b, n, w, s = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad"); n = n + t:get("notxml"); w = w + t:get("wraps"); s = s + t:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "socket_errors": %d, "timeouts": %d, "non200": %d, "not_xml": %d, ' ..
    '"wraps": %d, "sent": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect + e.read + e.write, e.timeout,
    b, n, w, s, e.status))
end
