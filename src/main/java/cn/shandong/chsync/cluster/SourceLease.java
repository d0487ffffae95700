package cn.shandong.chsync.cluster;

import cn.shandong.chsync.pull.SyncRun;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A source's lease (the source row's lease_owner, lease_until and running_run_id): one run at a
 * time per source across every instance. A lease is void once it runs out or once its instance's
 * heartbeat (sync_node, see NodeIdentity) is older than the node timeout.
 */
@Component
public class SourceLease {

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;

    SourceLease(JdbcTemplate jdbc, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    /** Takes the source's lease for this instance unless it is paused or another live instance holds it. */
    public boolean take(String sourceId, Timestamp now, Duration length) {
        return jdbc.update("""
                UPDATE source SET lease_owner = ?, lease_until = ?, updated_at = ?
                WHERE id = ? AND paused = FALSE AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?
                    OR lease_owner NOT IN (SELECT name FROM sync_node WHERE heartbeat_at >= ?))
                """, node.name(), Timestamp.from(now.toInstant().plus(length)), now, sourceId, node.name(), now,
                node.aliveSince()) == 1;
    }

    /** Names the run the lease is held for. */
    public void heldFor(String sourceId, long runId) {
        jdbc.update("UPDATE source SET running_run_id = ? WHERE id = ?", runId, sourceId);
    }

    /**
     * Renews the lease a run holds for another term, with each page it commits; a run whose lease
     * another instance took (this one stalled past it) must not commit.
     */
    public void renew(SyncRun run, Timestamp now, Duration length) {
        int renewed = jdbc.update("UPDATE source SET lease_until = ? WHERE id = ? AND lease_owner = ?",
                Timestamp.from(now.toInstant().plus(length)), run.sourceId(), run.leaseOwner());
        if (renewed != 1) {
            throw new LeaseLostException(run.sourceId(), run.id());
        }
    }

    /** Gives the lease up, if {@code owner} still holds it. */
    public void release(String sourceId, String owner, Timestamp now) {
        jdbc.update("""
                UPDATE source SET lease_owner = NULL, lease_until = NULL, running_run_id = NULL, updated_at = ?
                WHERE id = ? AND lease_owner = ?
                """, now, sourceId, owner);
    }

    /** Sources mid-run on another instance whose heartbeat stopped. */
    public List<String> orphans() {
        return jdbc.queryForList("""
                SELECT id FROM source WHERE running_run_id IS NOT NULL AND paused = FALSE AND lease_owner <> ?
                    AND lease_owner NOT IN (SELECT name FROM sync_node WHERE heartbeat_at >= ?)
                """, String.class, node.name(), node.aliveSince());
    }

    public String owner() {
        return node.name();
    }
}
