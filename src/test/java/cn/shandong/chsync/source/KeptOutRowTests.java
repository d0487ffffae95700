package cn.shandong.chsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A row the database keeps out of an INSERT IGNORE for another reason than a duplicate completion
 * key is not a duplicate. MariaDB 10.11 with innodb_autoinc_lock_mode=2 gave two concurrent loads
 * of credit_record the same ids, and a page's rows kept out by the primary key were counted as
 * another source's completions that no row held: a 100k bench/run lost 3,197 of 76,620 completions so,
 * with 3,309 records counted as duplicates.
 * A trigger does the same here, once: the first row inserted while another is there (the first
 * page's second) is given that row's id.
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

    @AfterEach
    void disarm() {
        jdbc.execute("DROP TRIGGER IF EXISTS credit_record_same_id");
        jdbc.execute("DROP TABLE IF EXISTS kept_out_trap");
    }
}
