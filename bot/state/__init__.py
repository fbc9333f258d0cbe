"""The state gateway: every Redis key (keys), every Redis call (store), the pipelined hot-path
connection (resp), REDIS_URL forms (url) and the embedded Redis server (embedded)."""
