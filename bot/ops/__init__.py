"""Running the bot: settings, logs, metrics, the admin service and HTTP API, the last line of
defence of every route (http), instances in step (cluster), and the served knowledge
(knowledge)."""
