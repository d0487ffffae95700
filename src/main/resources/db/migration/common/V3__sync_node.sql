-- The instances sharing this database. Each writes its heartbeat every few seconds; a source
-- lease held by an instance whose heartbeat has gone stale is free, so a killed instance's
-- sources are taken over within sync.node-timeout instead of waiting out the lease.
CREATE TABLE sync_node (
    name          VARCHAR(100) NOT NULL PRIMARY KEY,
    started_at    DATETIME(3)  NOT NULL,
    heartbeat_at  DATETIME(3)  NOT NULL,
    INDEX sync_node_heartbeat (heartbeat_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
