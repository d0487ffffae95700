package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A row the database keeps out of an INSERT IGNORE for another reason than a duplicate completion
 * key is not a duplicate. MariaDB 10.11 with innodb_autoinc_lock_mode=2 gave two concurrent loads
 * of credit_record the same ids, and a page's rows kept out by the primary key were counted as
 * another source's completions that no row held: a 100k bench/run lost 3,197 of 76,620 completions so,
 * with 3,309 records counted as duplicates.
 * A trigger does the same here, once: the first row inserted while another is there (the first
 * page's second) is given that row's id.
 * A row kept out by the completion key is another source's completion, committed while the page
 * was being stored: the page's record is linked to it as a duplicate.
 */
@TestPropertySource(properties = "sync.simulators.people=150")
abstract class KeptOutRowTests extends EndToEnd {

    @Test
    void aRowKeptOutByThePrimaryKeyFailsItsPageWhichIsCommittedAgainAndNothingIsLost() {
        // given a database that will give the next row inserted while another is there that row's id, once
        jdbc.execute("DROP TABLE IF EXISTS kept_out_trap");
        jdbc.execute("CREATE TABLE kept_out_trap (armed BOOLEAN NOT NULL) ENGINE=MyISAM"); // not rolled back with the page
        jdbc.execute("INSERT INTO kept_out_trap VALUES (TRUE)");
        jdbc.execute("""
                CREATE TRIGGER credit_record_same_id BEFORE INSERT ON credit_record FOR EACH ROW
                BEGIN
                    DECLARE held BIGINT;
                    IF (SELECT armed FROM kept_out_trap) THEN
                        SET held = (SELECT MIN(id) FROM credit_record);
                        IF held IS NOT NULL THEN
                            SET NEW.id = held;
                            UPDATE kept_out_trap SET armed = FALSE;
                        END IF;
                    END IF;
                END""");
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);

        // when the source is synced and pushed
        JsonNode run = syncToTheEnd();
        awaitOutboxDrained();

        // then the trap went off, the page was committed again, and every completion is stored and pushed once
        assertThat(count("SELECT COUNT(*) FROM kept_out_trap WHERE armed")).isZero();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertBalanced(run);
        int stored = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt();
        assertThat(run.path("newRecords").asInt()).isEqualTo(stored);
        assertThat(run.path("crossSourceDuplicates").asInt()).isEqualTo(expected.path("crossSourceDuplicates").asInt());
        assertThat(count("SELECT COUNT(*) FROM credit_record")).isEqualTo(stored);
        assertThat(count("""
                SELECT COUNT(*) FROM credit_record_source l
                WHERE NOT EXISTS (SELECT 1 FROM credit_record r WHERE r.completion_key = l.completion_key)""")).isZero();
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
    }

    @Test
    void aCompletionAnotherSourceCommitsWhileAPageInsertsItIsLinkedAsThatSourcesNotStoredTwice() throws Exception {
        // given a completion of the source that the province accepts, and a copy of its row as another source's
        JsonNode first = syncToTheEnd();
        awaitOutboxDrained();
        String key = jdbc.queryForObject("""
                SELECT r.completion_key FROM credit_record r JOIN push_outbox o ON o.completion_key = r.completion_key
                WHERE o.result = 'ACCEPTED' ORDER BY r.id LIMIT 1""", String.class);
        String recordId = jdbc.queryForObject("SELECT source_record_id FROM credit_record WHERE completion_key = ?", String.class, key);
        int accepted = get("/sim/province/stats").path("uniqueKeys").asInt();
        jdbc.execute("DROP TABLE IF EXISTS race_copy");
        jdbc.update("CREATE TABLE race_copy AS SELECT * FROM credit_record WHERE completion_key = ?", key);
        ServiceState.startFromNothing(jdbc, http);

        // when another source's insert of it is under way as the source's page begins, and commits while the page inserts
        JsonNode run;
        try (Connection other = jdbc.getDataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement insert = other.createStatement()) {
                insert.executeUpdate("""
                        INSERT INTO credit_record (completion_key, revision, fingerprint, id_hash, id_cipher, person_name,
                            employer_name, employer_code, city_code, source_id, source_record_id, course_id, course_name, subject,
                            kind, amount, unit, hours, completion_date, study_year, certificate_no, state, created_at,
                            updated_at, province_key)
                        SELECT completion_key, revision, fingerprint, id_hash, id_cipher, person_name, employer_name,
                            employer_code, city_code, 'other', 'other-1', course_id, course_name, subject, kind, amount, unit,
                            hours, completion_date, study_year, certificate_no, state, created_at, updated_at, province_key
                        FROM race_copy""");
            }
            ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + SOURCE + "/sync", null, JsonNode.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            long runId = started.getBody().path("runId").asLong();
            await(() -> count("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'") == 1,
                    "the page's insert to wait for the other source's");
            other.commit();
            await(() -> !get("/api/runs/" + runId).path("finishedAt").isNull(), "run " + runId + " to finish");
            run = get("/api/runs/" + runId);
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS race_copy");
        }
        awaitOutboxDrained();

        // then the source's record is that completion's duplicate: linked to it, neither stored nor pushed again
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertBalanced(run);
        assertThat(run.path("newRecords").asInt()).isEqualTo(first.path("newRecords").asInt() - 1);
        assertThat(run.path("crossSourceDuplicates").asInt()).isEqualTo(first.path("crossSourceDuplicates").asInt() + 1);
        assertThat(jdbc.queryForList("SELECT CONCAT(source_id, '|', source_record_id) FROM credit_record WHERE completion_key = ?",
                String.class, key)).containsExactly("other|other-1");
        assertThat(jdbc.queryForList("SELECT is_primary FROM credit_record_source WHERE source_id = ? AND source_record_id = ?",
                Boolean.class, SOURCE, recordId)).containsExactly(false);
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE completion_key = '" + key + "'")).isZero();
        assertThat(get("/sim/province/stats").path("uniqueKeys").asInt()).isEqualTo(accepted - 1);
    }

    @AfterEach
    void disarm() {
        jdbc.execute("DROP TRIGGER IF EXISTS credit_record_same_id");
        jdbc.execute("DROP TABLE IF EXISTS kept_out_trap");
    }
}
