package cn.shandong.chsync.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the ID numbers held in clear into V7's encrypted and hashed columns, and encrypts the raw
 * records of reconciliation items in place, a thousand rows a statement batch. Java, because the
 * key comes from the environment; a Spring bean, so Flyway gets it with the key (Spring Boot hands
 * JavaMigration beans to Flyway).
 */
@Component
class V8__encrypt_id_numbers extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V8__encrypt_id_numbers.class);
    private static final int BATCH = 1000;

    private final IdProtection ids;

    V8__encrypt_id_numbers(IdProtection ids) {
        this.ids = ids;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long records = 0;
        long last = 0;
        try (PreparedStatement read = c.prepareStatement(
                "SELECT id, id_number FROM credit_record WHERE id > ? ORDER BY id LIMIT " + BATCH);
             PreparedStatement write = c.prepareStatement("UPDATE credit_record SET id_hash = ?, id_cipher = ? WHERE id = ?")) {
            for (int n = BATCH; n == BATCH; ) {
                read.setLong(1, last);
                n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        String idNumber = rs.getString(2);
                        write.setString(1, ids.hash(idNumber));
                        write.setString(2, ids.encrypt(idNumber));
                        write.setLong(3, last);
                        write.addBatch();
                        n++;
                    }
                }
                write.executeBatch();
                records += n;
            }
        }
        long items = 0;
        last = 0;
        try (PreparedStatement read = c.prepareStatement(
                "SELECT id, id_number, raw_payload FROM reconciliation_item WHERE id > ? ORDER BY id LIMIT " + BATCH);
             PreparedStatement write = c.prepareStatement(
                     "UPDATE reconciliation_item SET id_hash = ?, id_cipher = ?, raw_payload = ? WHERE id = ?")) {
            for (int n = BATCH; n == BATCH; ) {
                read.setLong(1, last);
                n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        write.setString(1, ids.hashAsTyped(rs.getString(2)));
                        write.setString(2, ids.encrypt(rs.getString(2)));
                        write.setString(3, ids.encrypt(rs.getString(3)));
                        write.setLong(4, last);
                        write.addBatch();
                        n++;
                    }
                }
                write.executeBatch();
                items += n;
            }
        }
        log.info("ID numbers encrypted: {} credit records, {} reconciliation items", records, items);
    }
}
