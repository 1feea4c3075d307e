-- bench/serve: POST /api/v1/posts, one post or a batch per request. Every post has a unique (source, id),
-- so every request stores new posts (a repeated id would be a cheap no-op for the server).
--   wrk ... -s post.lua URL -- TOKEN PREFIX [BATCH]          (BATCH 1 = one post object per request)
-- Used by post.lua and paced.lua; LUA_PATH must include bench/serve/ (bench/serve/run sets it).
require("report")
local texts = require("texts")

local headers, prefix, batch
local n = 0

function init(args)
  local token = args[1] or error("webhook.lua: pass the API token after --")
  prefix = args[2] or "p"
  batch = tonumber(args[3] or "1")
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

function request()
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body
  if batch <= 1 then
    n = n + 1
    body = texts.post(prefix, tid, n, now)
  else
    local parts = {}
    for k = 1, batch do
      n = n + 1
      parts[k] = texts.post(prefix, tid, n, now)
    end
    body = '{"posts":[' .. table.concat(parts, ",") .. ']}'
  end
  return wrk.format("POST", "/api/v1/posts", headers, body)
end
