package cn.shandong.chsync.db;

import cn.shandong.chsync.security.IdProtection;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the ID numbers held in clear into V7's encrypted and hashed columns, and encrypts the raw
 * records of reconciliation items in place. Java, because the key comes from the environment; a
 * Spring bean, so Flyway gets it with the key (Spring Boot hands JavaMigration beans to Flyway).
 */
@Component
public class V8__encrypt_id_numbers extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V8__encrypt_id_numbers.class);

    private final IdProtection ids;

    public V8__encrypt_id_numbers(IdProtection ids) {
        this.ids = ids;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long records = RowRewrite.byId(c, "SELECT id, id_number FROM credit_record WHERE id > ? ORDER BY id",
                "UPDATE credit_record SET id_hash = ?, id_cipher = ? WHERE id = ?", (row, update) -> {
                    update.setString(1, ids.hash(row.getString(2)));
                    update.setString(2, ids.encrypt(row.getString(2)));
                    update.setLong(3, row.getLong(1));
                });
        long items = RowRewrite.byId(c, "SELECT id, id_number, raw_payload FROM reconciliation_item WHERE id > ? ORDER BY id",
                "UPDATE reconciliation_item SET id_hash = ?, id_cipher = ?, raw_payload = ? WHERE id = ?", (row, update) -> {
                    update.setString(1, ids.hashAsTyped(row.getString(2)));
                    update.setString(2, ids.encrypt(row.getString(2)));
                    update.setString(3, ids.encrypt(row.getString(3)));
                    update.setLong(4, row.getLong(1));
                });
        log.info("ID numbers encrypted: {} credit records, {} reconciliation items", records, items);
    }
}
