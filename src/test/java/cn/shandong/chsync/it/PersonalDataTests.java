package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.IdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * ID numbers are personal data: none reaches a log line in clear, none is stored in clear, and
 * every read of one in clear and every support action leaves an audit row. Run once per database.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class PersonalDataTests extends EndToEnd {

    private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");

    /** Every valid ID number (GB 11643 check character and all) in the text. */
    static List<String> validIdNumbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = ID_LIKE.matcher(text);
        while (m.find()) {
            if (IdNumber.check(m.group()).valid()) {
                found.add(m.group());
            }
        }
        return found;
    }

    @Test
    void theLogOfAFullSyncHoldsNoIdNumber(CapturedOutput output) {
        // given every platform synced to the end, its bad records filed and its completions pushed
        List<JsonNode> runs = syncAllToTheEnd();
        awaitOutboxDrained();
        // and support at work on the queue: items read, one retried
        long item = jdbc.queryForObject("SELECT MIN(id) FROM reconciliation_item WHERE stage = 'VALIDATE'", Long.class);
        support().getForObject("/api/reconciliation/" + item, String.class);
        support().postForEntity("/api/reconciliation/" + item + "/retry", Map.of("note", "重试"), String.class);

        // then the sync happened, with ID numbers in every record it read
        assertThat(runs).allMatch(run -> run.path("status").asText().equals("SUCCEEDED"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_record", Integer.class))
                .isEqualTo(get("/sim/expected").path("validCompletions").asInt() + get("/sim/expected").path("provinceRejected").asInt());
        // and not one valid ID number is in the log
        assertThat(output.getAll()).contains("sync run");
        assertThat(validIdNumbers(output.getAll())).isEmpty();
    }

    @Test
    void noIdNumberIsStoredInClear() {
        // given a platform synced, with its bad records filed and its completions pushed
        syncToTheEnd();
        awaitOutboxDrained();
        support().getForObject("/api/reconciliation/" + jdbc.queryForObject(
                "SELECT MIN(id) FROM reconciliation_item", Long.class), String.class);

        // then no column of any table holds a valid ID number in clear
        for (String table : List.of("credit_record", "credit_record_source", "push_outbox", "reconciliation_item",
                "reconciliation_action", "sync_run", "audit_event", "daily_tally")) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                assertThat(validIdNumbers(row.values().toString())).as("a row of %s", table).isEmpty();
            }
        }
        // and what is there decrypts to the people's numbers, whose keyed hash is the one stored
        List<Map<String, Object>> records = jdbc.queryForList("SELECT id_hash, id_cipher FROM credit_record");
        assertThat(records).hasSize(get("/sim/expected").path("sources").path(SOURCE).path("validCompletions").asInt()
                + get("/sim/expected").path("sources").path(SOURCE).path("provinceRejected").asInt());
        for (Map<String, Object> r : records) {
            String idNumber = ids.decrypt((String) r.get("id_cipher"));
            assertThat(IdNumber.check(idNumber).valid()).isTrue();
            assertThat(r.get("id_hash")).isEqualTo(ids.hash(idNumber));
            assertThat((String) r.get("id_cipher")).startsWith("demo:");
        }
        // and a bad record's raw payload, kept for support, is the platform's record once decrypted
        String raw = jdbc.queryForObject("SELECT raw_payload FROM reconciliation_item WHERE reason_code = 'ID_NUMBER_CHECKSUM' "
                + "ORDER BY id LIMIT 1", String.class);
        assertThat(raw).startsWith("demo:").doesNotContain("sfzh");
        assertThat(ids.decrypt(raw)).contains("\"sfzh\"");
    }

    @Test
    void everyReadOfAnIdNumberInClearAndEverySupportActionIsAudited() {
        // given a platform synced
        syncToTheEnd();
        awaitOutboxDrained();
        jdbc.update("DELETE FROM audit_event");
        long item = jdbc.queryForObject("SELECT MIN(id) FROM reconciliation_item WHERE reason_code = 'ID_NUMBER_CHECKSUM'", Long.class);
        String person = ids.decrypt(jdbc.queryForObject("SELECT id_cipher FROM credit_record ORDER BY id LIMIT 1", String.class));

        // when support lists the queue (masked), opens one item (in clear), resolves it, and looks a person up
        support().getForObject("/api/reconciliation?limit=10", String.class);
        JsonNode opened = support().getForObject("/api/reconciliation/" + item, JsonNode.class);
        support().postForEntity("/api/reconciliation/" + item + "/resolve", Map.of("note", "平台已更正"), String.class);
        support().getForObject("/api/people/" + person + "/trace", String.class);
        // and an operator pauses a source, and the bureau downloads its report masked, then in clear
        as("operator").postForEntity("/api/sources/" + SOURCE + "/pause", null, String.class);
        int year = jdbc.queryForObject("SELECT MAX(study_year) FROM credit_record", Integer.class);
        String report = "/api/reports/compliance?city=371600&year=" + year + "&format=csv";
        String masked = as("bureau").getForObject(report, String.class);
        String clear = as("bureau").getForObject(report + "&idNumbers=clear", String.class);

        // then the audit trail has exactly these, in order, each with who did it
        assertThat(jdbc.queryForList("SELECT actor, action, target FROM audit_event ORDER BY id")
                .stream().map(r -> r.get("actor") + " " + r.get("action") + " " + r.get("target")).toList())
                .containsExactly(
                        "support ID_NUMBER_READ reconciliation item " + item,
                        "support RESOLVE reconciliation item " + item,
                        // the answer to a resolve is the item as it now stands, in clear
                        "support ID_NUMBER_READ reconciliation item " + item,
                        "support PERSON_READ person " + ids.hash(person),
                        "operator PAUSE source " + SOURCE,
                        "bureau ID_NUMBER_READ compliance 371600 " + year);
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE action = 'RESOLVE'", String.class))
                .isEqualTo("平台已更正");
        // and what each read shows matches what was audited: clear where audited, masked elsewhere
        assertThat(opened.path("idNumber").asText()).matches("\\d{17}[0-9X]");
        assertThat(validIdNumbers(masked)).isEmpty();
        assertThat(validIdNumbers(clear)).isNotEmpty();
        // and an operator, whose work needs no ID number, gets no report at all
        assertThat(as("operator").getForEntity(report + "&idNumbers=clear", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private TestRestTemplate support() {
        return as("support");
    }

    /** The demo's users have their names as passwords. */
    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user);
    }
}
