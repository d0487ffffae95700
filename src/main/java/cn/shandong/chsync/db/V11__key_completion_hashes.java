package cn.shandong.chsync.db;

import cn.shandong.chsync.security.IdProtection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rewrites the completion keys and fingerprints held as plain SHA-256 into their keyed form (V10),
 * keeping each completion's plain key, encrypted, for the province. The old → new keys go through
 * V10's key_rewrite table, so the lineage, outbox and reconciliation rows follow by SQL.
 */
@Component
public class V11__key_completion_hashes extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V11__key_completion_hashes.class);

    private final IdProtection ids;

    public V11__key_completion_hashes(IdProtection ids) {
        this.ids = ids;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        RowRewrite.byKey(c, "", "SELECT completion_key FROM credit_record WHERE completion_key > ? ORDER BY completion_key",
                "INSERT INTO key_rewrite (old_key, new_key) VALUES (?, ?)", (row, insert) -> {
                    insert.setString(1, row.getString(1));
                    insert.setString(2, ids.recordKeys().stored(row.getString(1)));
                });
        long records = RowRewrite.byId(c, "SELECT id, completion_key, fingerprint FROM credit_record WHERE id > ? ORDER BY id",
                "UPDATE credit_record SET province_key = ?, completion_key = ?, fingerprint = ? WHERE id = ?", (row, update) -> {
                    update.setString(1, ids.encrypt(row.getString(2)));
                    update.setString(2, ids.recordKeys().stored(row.getString(2)));
                    update.setString(3, ids.keyedFingerprint(row.getString(3)));
                    update.setLong(4, row.getLong(1));
                });
        try (Statement s = c.createStatement()) {
            for (String table : new String[] {"credit_record_source", "push_outbox", "reconciliation_item"}) {
                s.executeUpdate("UPDATE " + table + " SET completion_key = (SELECT k.new_key FROM key_rewrite k WHERE "
                        + "k.old_key = " + table + ".completion_key) WHERE completion_key IN (SELECT old_key FROM key_rewrite)");
            }
        }
        // a lineage row's fingerprint is its source record's, not always the completion's: each one
        // rewritten, source by source in the order of the primary key
        List<String> sources = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT source_id FROM credit_record_source")) {
            while (rs.next()) {
                sources.add(rs.getString(1));
            }
        }
        long lineage = 0;
        for (String source : sources) {
            lineage += RowRewrite.byKey(c, "", """
                    SELECT source_record_id, fingerprint FROM credit_record_source
                    WHERE source_id = ? AND source_record_id > ? ORDER BY source_record_id""",
                    "UPDATE credit_record_source SET fingerprint = ? WHERE source_id = ? AND source_record_id = ?",
                    (row, update) -> {
                        update.setString(1, ids.keyedFingerprint(row.getString(2)));
                        update.setString(2, source);
                        update.setString(3, row.getString(1));
                    }, source);
        }
        log.info("completion keys and fingerprints keyed: {} credit records, {} lineage rows", records, lineage);
    }
}
