package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.db.V11__key_completion_hashes;
import cn.shandong.chsync.db.V8__encrypt_id_numbers;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V7–V9 on a database that held ID numbers in clear: given rows written by the schema before them,
 * every number ends up encrypted and hashed and no clear column is left. Run once per database.
 */
final class IdNumberMigration {

    private static final String ID = "371602198001010048";

    private IdNumberMigration() {
    }

    static void movesClearIdNumbersIntoCiphertext(DataSource database, String vendor) {
        IdProtection ids = IdProtection.of(new AccessProperties.IdNumbers(null, Map.of(), null), true);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        String[] locations = {"classpath:db/migration/common", "classpath:db/migration/" + vendor};

        // given the schema as it was before ID numbers were protected, holding a record and two items
        Flyway.configure().dataSource(database).locations(locations).target("6").load().migrate();
        jdbc.update("""
                INSERT INTO credit_record (completion_key, revision, fingerprint, id_number, person_name, city_code, source_id,
                    source_record_id, course_name, subject, kind, amount, unit, hours, completion_date, study_year, state,
                    created_at, updated_at)
                VALUES ('k1', 1, 'f1', ?, '张三', '371600', 'sdbz', 'r1', '课程', 'PUBLIC', 'TRAINING', 10, 'HOURS', 10,
                    '2024-05-01', 2024, 'ACTIVE', '2024-05-02 00:00:00', '2024-05-02 00:00:00')
                """, ID);
        jdbc.update("""
                INSERT INTO reconciliation_item (dedupe_key, source_id, stage, reason_code, message, id_number, raw_payload,
                    status, created_at, updated_at)
                VALUES (?, 'sdbz', 'VALIDATE', 'ID_NUMBER_CHECKSUM', 'bad check character', ?, ?, 'OPEN',
                    '2024-05-02 00:00:00', '2024-05-02 00:00:00')
                """, "d1", " 37160219800101004x", "{\"sfzh\":\" 37160219800101004x\"}");
        jdbc.update("""
                INSERT INTO reconciliation_item (dedupe_key, source_id, stage, reason_code, message, status, created_at, updated_at)
                VALUES ('d2', 'sdbz', 'FETCH', 'FETCH_FAILED', 'the platform is down', 'OPEN', '2024-05-02 00:00:00',
                    '2024-05-02 00:00:00')
                """);
        // and the completion's lineage (two platforms), its outbox row and a push item about it
        for (String source : List.of("sdbz", "zjzd")) {
            jdbc.update("""
                    INSERT INTO credit_record_source (source_id, source_record_id, completion_key, is_primary, fingerprint,
                        revision, first_run_id, last_run_id, created_at, updated_at)
                    VALUES (?, 'r1', 'k1', ?, ?, 1, 1, 1, '2024-05-02 00:00:00', '2024-05-02 00:00:00')
                    """, source, source.equals("sdbz"), "f-" + source);
        }
        jdbc.update("""
                INSERT INTO push_outbox (completion_key, revision, status, attempts, next_attempt_at, created_at)
                VALUES ('k1', 1, 'DONE', 1, '2024-05-02 00:00:00', '2024-05-02 00:00:00')
                """);
        jdbc.update("""
                INSERT INTO reconciliation_item (dedupe_key, source_id, stage, reason_code, message, completion_key, status,
                    created_at, updated_at)
                VALUES ('d3', 'sdbz', 'PUSH', 'PUSH_REJECTED', 'refused', 'k1', 'OPEN', '2024-05-02 00:00:00', '2024-05-02 00:00:00')
                """);

        // when the rest of the history runs, with the encrypting migration and its key
        Flyway.configure().dataSource(database).locations(locations)
                .javaMigrations(new V8__encrypt_id_numbers(ids), new V11__key_completion_hashes(ids)).load().migrate();

        // then the numbers are there encrypted and hashed, and nowhere in clear
        Map<String, Object> record = jdbc.queryForMap("SELECT * FROM credit_record");
        assertThat(record).doesNotContainKey("id_number");
        assertThat(ids.decrypt((String) record.get("id_cipher"))).isEqualTo(ID);
        assertThat(record.get("id_hash")).isEqualTo(ids.hash(ID));
        List<Map<String, Object>> items = jdbc.queryForList("SELECT * FROM reconciliation_item ORDER BY id");
        assertThat(items.get(0)).doesNotContainKey("id_number");
        assertThat(items.get(0).get("id_hash")).isEqualTo(ids.hash("37160219800101004X"));
        assertThat(ids.decrypt((String) items.get(0).get("id_cipher"))).isEqualTo(" 37160219800101004x");
        assertThat(ids.decrypt((String) items.get(0).get("raw_payload"))).isEqualTo("{\"sfzh\":\" 37160219800101004x\"}");
        assertThat(items.get(1).get("id_hash")).isNull();
        assertThat(items.get(1).get("raw_payload")).isNull();
        assertThat(jdbc.queryForList("SELECT * FROM credit_record").toString()).doesNotContain("371602198001010048");
        assertThat(jdbc.queryForList("SELECT * FROM reconciliation_item").toString()).doesNotContain("37160219800101004");
        // and the completion key and fingerprints are keyed everywhere, the plain key kept encrypted for the province
        String key = ids.keyed(IdProtection.COMPLETION, "k1");
        assertThat(record.get("completion_key")).isEqualTo(key);
        assertThat(record.get("fingerprint")).isEqualTo(ids.keyed(IdProtection.FINGERPRINT, "f1"));
        assertThat(ids.decrypt((String) record.get("province_key"))).isEqualTo("k1");
        assertThat(jdbc.queryForList("SELECT source_id, completion_key, fingerprint FROM credit_record_source ORDER BY source_id"))
                .containsExactly(
                        Map.of("source_id", "sdbz", "completion_key", key, "fingerprint", ids.keyed(IdProtection.FINGERPRINT, "f-sdbz")),
                        Map.of("source_id", "zjzd", "completion_key", key, "fingerprint", ids.keyed(IdProtection.FINGERPRINT, "f-zjzd")));
        assertThat(jdbc.queryForObject("SELECT completion_key FROM push_outbox", String.class)).isEqualTo(key);
        assertThat(jdbc.queryForObject("SELECT completion_key FROM reconciliation_item WHERE dedupe_key = 'd3'", String.class))
                .isEqualTo(key);
        // and a person is found by the hash's index
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_record WHERE id_hash = ? AND study_year = 2024",
                Integer.class, ids.hash(ID))).isEqualTo(1);

        // and a history written while the Java migrations lived in the security package still validates
        jdbc.update("UPDATE flyway_schema_history SET script = 'cn.shandong.chsync.security.V8__encrypt_id_numbers' WHERE version = '8'");
        jdbc.update("UPDATE flyway_schema_history SET script = 'cn.shandong.chsync.security.V11__key_completion_hashes' WHERE version = '11'");
        assertThat(Flyway.configure().dataSource(database).locations(locations)
                .javaMigrations(new V8__encrypt_id_numbers(ids), new V11__key_completion_hashes(ids)).load().validateWithResult()
                .validationSuccessful).isTrue();
    }
}
