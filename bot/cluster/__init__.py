"""Running the bot's shards across processes: which shards this process runs, taking turns to IDENTIFY, shard
leases against duplicates, the daily session-start limit, and the heartbeat the health check reads."""
