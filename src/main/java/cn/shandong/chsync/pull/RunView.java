package cn.shandong.chsync.pull;

import cn.shandong.chsync.sql.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A sync_run as operators and tools read it; the first twelve fields are a fixed contract. Its
 * message is the technical detail; reasonCode says why it ended as it did, for people to read in
 * their language (see the console's Labels.runOutcome). A
 * running one shows its progress: records a second so far and, where the platform says how many
 * records the pass holds (expectedTotal), the seconds still to go.
 */
public record RunView(long id, String sourceId, String status, Instant startedAt, Instant finishedAt, int fetched,
               int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined,
               int superseded, String trigger, String node, int pages, String cursorBefore, String cursorAfter, String message,
               Integer expectedTotal, Double recordsPerSecond, Long etaSeconds, String reasonCode) {

    static final String COLUMNS = """
            id, source_id, status, started_at, finished_at, fetched, new_records, replays, revisions,
            cross_source_duplicates, quarantined, superseded, trigger_type, node, pages, cursor_before, cursor_after, message,
            expected_total, reason_code
            """;

    static RunView read(ResultSet rs, int row) throws SQLException {
        Instant started = Instants.of(rs, "started_at");
        Instant finished = Instants.of(rs, "finished_at");
        int fetched = rs.getInt("fetched");
        Integer total = (Integer) rs.getObject("expected_total", Integer.class);
        Double rate = rate(fetched, started, finished == null ? Instant.now() : finished);
        Long eta = null;
        if (finished == null && total != null && rate != null && rate > 0) {
            eta = (long) Math.ceil(Math.max(0, total - fetched) / rate);
        }
        return new RunView(rs.getLong("id"), rs.getString("source_id"), rs.getString("status"), started, finished,
                fetched, rs.getInt("new_records"), rs.getInt("replays"), rs.getInt("revisions"),
                rs.getInt("cross_source_duplicates"), rs.getInt("quarantined"), rs.getInt("superseded"), rs.getString("trigger_type"),
                rs.getString("node"), rs.getInt("pages"), rs.getString("cursor_before"), rs.getString("cursor_after"),
                rs.getString("message"), total, rate, eta, rs.getString("reason_code"));
    }

    private static Double rate(int fetched, Instant from, Instant to) {
        long millis = Duration.between(from, to).toMillis();
        return millis <= 0 ? null : Math.round(fetched * 10_000.0 / millis) / 10.0;
    }
}
