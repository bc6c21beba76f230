-- wrk script for examples/loadtest.sh: POSTs one build input to /v1/build.
-- BODY names the JSON file, TOKEN the bearer token. wrk itself reports
-- "Non-2xx or 3xx responses" when any answer is not 200.
local f = assert(io.open(os.getenv("BODY"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
