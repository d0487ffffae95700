package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.sql.Instants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on the source table but its lease columns: a platform's row as its mapping
 * registers it, the schedule and pause an operator sets, and the rows as operators and bureaus
 * read them. The lease columns (lease_owner, lease_until, running_run_id) are
 * cluster.SourceLease's, which takes and gives them up under its own conditions.
 */
@Component
public class SourceTable {

    /** A source row as operators read it; runningRunId is the run holding its lease, if any. */
    public record SourceRow(String id, String name, String cityCode, String vendor, String cron, boolean paused,
                            Long runningRunId, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    SourceTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or refreshes the source row and answers the cron it runs on. The schedule in the
     * mapping file is only the first one: once the row exists, an operator's schedule wins.
     */
    String register(MappingDefinition m, Timestamp now) {
        jdbc.update("""
                INSERT INTO source (id, name, city_code, vendor, cron, paused, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)
                ON DUPLICATE KEY UPDATE name = VALUES(name), city_code = VALUES(city_code), vendor = VALUES(vendor),
                    updated_at = VALUES(updated_at)
                """, m.id(), m.name(), m.cityCode(), m.vendor(), m.schedule(), now, now);
        return jdbc.queryForObject("SELECT cron FROM source WHERE id = ?", String.class, m.id());
    }

    void setCron(String sourceId, String cron, Timestamp now) {
        jdbc.update("UPDATE source SET cron = ?, updated_at = ? WHERE id = ?", cron, now, sourceId);
    }

    void setPaused(String sourceId, boolean paused, Timestamp now) {
        jdbc.update("UPDATE source SET paused = ?, updated_at = ? WHERE id = ?", paused, now, sourceId);
    }

    /** A run of the source is under way, on this instance or another. */
    boolean syncing(String sourceId) {
        return !jdbc.queryForList("SELECT running_run_id FROM source WHERE id = ? AND running_run_id IS NOT NULL",
                Long.class, sourceId).isEmpty();
    }

    /** The source has its row (its mapping is taken up: routes and schedule follow the row). */
    public boolean registered(String sourceId) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM source WHERE id = ?", Integer.class, sourceId);
        return rows != null && rows > 0;
    }

    /** Every registered source's id. */
    public List<String> ids() {
        return jdbc.queryForList("SELECT id FROM source ORDER BY id", String.class);
    }

    /** The ids of the sources of one city (GB/T 2260): what a bureau of that city may read. */
    public List<String> idsOfCity(String cityCode) {
        return jdbc.queryForList("SELECT id FROM source WHERE city_code = ? ORDER BY id", String.class, cityCode);
    }

    /** Every source row, by id. */
    public List<SourceRow> rows() {
        return jdbc.query(SELECT + " ORDER BY id", (rs, i) -> row(rs));
    }

    public Optional<SourceRow> row(String sourceId) {
        return jdbc.query(SELECT + " WHERE id = ?", (rs, i) -> row(rs), sourceId).stream().findFirst();
    }

    private static final String SELECT = "SELECT id, name, city_code, vendor, cron, paused, running_run_id, created_at FROM source";

    private static SourceRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SourceRow(rs.getString("id"), rs.getString("name"), rs.getString("city_code"), rs.getString("vendor"),
                rs.getString("cron"), rs.getBoolean("paused"), (Long) rs.getObject("running_run_id", Long.class),
                Instants.of(rs, "created_at"));
    }
}
