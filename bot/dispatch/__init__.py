"""Transport-free message handling: routers and filters (router), the middleware around
every handler (middleware), and a follower's conversation state (session)."""
