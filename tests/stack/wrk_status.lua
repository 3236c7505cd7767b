-- wrk script: count responses by status class across all threads, so a test can
-- assert on 5xx (wrk's own summary lumps every non-2xx/3xx together).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  local class = tostring(math.floor(status / 100)) .. "xx"
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for class, count in pairs(thread:get("counts")) do
      total[class] = (total[class] or 0) + count
    end
  end
  local parts = {}
  for class, count in pairs(total) do
    table.insert(parts, string.format('"%s": %d', class, count))
  end
  local e = summary.errors
  table.insert(parts, string.format(
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "requests": %d',
    e.connect, e.read, e.write, e.timeout, summary.requests))
  io.write("WRK_RESULT {" .. table.concat(parts, ", ") .. "}\n")
end
