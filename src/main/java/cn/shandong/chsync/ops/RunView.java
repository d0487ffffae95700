package cn.shandong.chsync.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A sync_run as operators and tools read it; the first eleven fields are a fixed contract. */
record RunView(long id, String sourceId, String status, Instant startedAt, Instant finishedAt, int fetched,
               int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined,
               String trigger, String node, int pages, String cursorBefore, String cursorAfter, String message) {

    static final String COLUMNS = """
            id, source_id, status, started_at, finished_at, fetched, new_records, replays, revisions,
            cross_source_duplicates, quarantined, trigger_type, node, pages, cursor_before, cursor_after, message
            """;

    static RunView read(ResultSet rs, int row) throws SQLException {
        return new RunView(rs.getLong("id"), rs.getString("source_id"), rs.getString("status"),
                Times.instant(rs, "started_at"), Times.instant(rs, "finished_at"), rs.getInt("fetched"),
                rs.getInt("new_records"), rs.getInt("replays"), rs.getInt("revisions"),
                rs.getInt("cross_source_duplicates"), rs.getInt("quarantined"), rs.getString("trigger_type"),
                rs.getString("node"), rs.getInt("pages"), rs.getString("cursor_before"), rs.getString("cursor_after"),
                rs.getString("message"));
    }
}
