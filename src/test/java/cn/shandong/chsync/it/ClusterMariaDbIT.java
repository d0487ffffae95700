package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.OutboxRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one MariaDB, as a province-wide deployment runs them: every scheduled
 * fire of a source becomes exactly one run on one of them, never two at once; both push from the
 * one outbox without sending a row twice; and when one is killed mid-sync, the other takes its
 * source over from the checkpoint and finishes the work.
 */
class ClusterMariaDbIT {

    /** Small platforms whose every run fits between two fires 10 s apart. */
    private static final List<String> SCHEDULED = List.of("sdwh", "swzj");
    private static final String KILLED_MID_SYNC = "sdbz";
    private static final int FIRES = 6;

    private Jars jars;

    @AfterEach
    void stopEverything() {
        if (jars != null) {
            jars.close();
        }
    }

    @Test
    void scheduledFiresRunOnceEachAcrossTwoInstancesAndAKilledInstancesWorkIsFinishedByTheOther() throws Exception {
        jars = new Jars("chsync_it_cluster", "cluster");
        String sim = jars.simulators(150);
        // The platforms' own crons fire at minutes divisible by five (mappings/*.mapping.yaml): the instances are
        // started and every other source paused clear of such a minute, or a fire in between adds runs to the count
        ZonedDateTime now = ZonedDateTime.now();
        ZonedDateTime nextFive = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(5 - now.getMinute() % 5);
        if (java.time.Duration.between(now, nextFive).toSeconds() < 90) {
            Thread.sleep(java.time.Duration.between(now, nextFive.plusSeconds(2)).toMillis());
        }
        int portA = Jars.freePort();
        int portB = Jars.freePort();
        Process a = jars.service("a", portA, sim, "--sync.node.take-over-period-ms=1000");
        jars.service("b", portB, sim, "--sync.node.take-over-period-ms=1000");
        String apiA = "http://localhost:" + portA + "/api";
        String apiB = "http://localhost:" + portB + "/api";
        jars.awaitSources(apiA);
        jars.awaitSources(apiB);
        Set<String> nodes = new HashSet<>(jars.rows("SELECT name FROM sync_node").stream().map(r -> r.get(0)).toList());
        assertThat(nodes).hasSize(2);

        // given every other source paused, and two sources due at six set seconds of one minute
        for (JsonNode source : jars.get(apiA + "/sources")) {
            String id = source.path("id").asText();
            if (!SCHEDULED.contains(id)) {
                assertThat(jars.post(apiA + "/sources/" + id + "/pause", "").statusCode()).isEqualTo(200);
            }
        }
        ZonedDateTime minute = ZonedDateTime.now().plusSeconds(15).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String cron = "5,15,25,35,45,55 " + minute.getMinute() + " " + minute.getHour() + " " + minute.getDayOfMonth() + " "
                + minute.getMonthValue() + " ? " + minute.getYear();
        for (String id : SCHEDULED) {
            assertThat(jars.send(apiB + "/sources/" + id + "/schedule", "{\"cron\":\"" + cron + "\"}", "PUT").statusCode())
                    .isEqualTo(200);
        }

        // when the minute has passed and the outbox is drained
        // (up to two minutes away: slept through, not counted against the wait's patience)
        Thread.sleep(Math.max(0, java.time.Duration.between(ZonedDateTime.now(), minute.plusSeconds(62)).toMillis()));
        Jars.await(() -> jars.query("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'") == 0, "the minute's fires to be run");
        Jars.await(() -> jars.query(OutboxRepository.WAITING) == 0, "the outbox to drain");

        // then each fire is one run on one instance, and a source's runs never overlap
        for (String id : SCHEDULED) {
            List<List<String>> runs = jars.rows("SELECT started_at, finished_at, status, node FROM sync_run "
                    + "WHERE source_id = '" + id + "' AND trigger_type = 'SCHEDULE' ORDER BY started_at");
            assertThat(runs).as(id + "'s runs").hasSize(FIRES);
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get(2)).isEqualTo("SUCCEEDED");
                assertThat(nodes).contains(runs.get(i).get(3));
                if (i > 0) {
                    assertThat(runs.get(i).get(0)).as("run %d of %s starts after the one before ended", i, id)
                            .isGreaterThanOrEqualTo(runs.get(i - 1).get(1));
                }
            }
        }
        assertThat(jars.query("SELECT COUNT(*) FROM sync_run")).isEqualTo(FIRES * SCHEDULED.size());
        // and both instances pushed from one outbox without sending any row twice
        JsonNode province = jars.get(sim + "/province/stats");
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
        assertThat(province.path("accepted").asInt())
                .isEqualTo(jars.query("SELECT COUNT(*) FROM push_outbox WHERE status = 'DONE'"));
        assertThat(province.path("doubleCounted").asInt()).isZero();

        // given a slow platform being synced by instance A, whose cron will not fire meanwhile
        assertThat(jars.send(apiA + "/sources/" + KILLED_MID_SYNC + "/schedule", "{\"cron\":\"0 0 0 1 1 ? 2099\"}", "PUT")
                .statusCode()).isEqualTo(200);
        assertThat(jars.post(apiA + "/sources/" + KILLED_MID_SYNC + "/resume", "").statusCode()).isEqualTo(200);
        jars.post(sim + "/control/faults", "{\"target\":\"" + KILLED_MID_SYNC + "\",\"delayMs\":" + EndToEnd.SLOW_PAGE_MS + ",\"times\":0}");
        assertThat(jars.post(apiA + "/sources/" + KILLED_MID_SYNC + "/sync", "").statusCode()).isEqualTo(202);
        Jars.await(() -> jars.query("SELECT COALESCE(MAX(pages), 0) FROM sync_run WHERE source_id = '" + KILLED_MID_SYNC
                + "'") >= 2, "A to commit two pages");
        String nodeA = jars.rows("SELECT node FROM sync_run WHERE source_id = '" + KILLED_MID_SYNC + "'").get(0).get(0);

        // when A is killed
        a.destroyForcibly().waitFor();
        jars.send(sim + "/control/faults", null, "DELETE");

        // then B takes the source over by itself within seconds, from the checkpoint, and finishes it
        Jars.await(() -> jars.query("SELECT COUNT(*) FROM sync_run WHERE source_id = '" + KILLED_MID_SYNC
                + "' AND trigger_type = 'TAKEOVER' AND status = 'SUCCEEDED'") == 1, "B to take over and finish");
        Jars.await(() -> jars.query(OutboxRepository.WAITING) == 0, "B to drain the outbox");
        List<List<String>> runs = jars.rows("SELECT status, node, trigger_type FROM sync_run WHERE source_id = '"
                + KILLED_MID_SYNC + "' ORDER BY id");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)).containsExactly("ABANDONED", nodeA, "MANUAL");
        assertThat(runs.get(1).get(0)).isEqualTo("SUCCEEDED");
        assertThat(runs.get(1).get(1)).isNotEqualTo(nodeA);
        JsonNode expected = jars.get(sim + "/expected").path("sources").path(KILLED_MID_SYNC);
        int visible = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
        assertThat(jars.query("SELECT SUM(fetched) FROM sync_run WHERE source_id = '" + KILLED_MID_SYNC + "'")).isEqualTo(visible);
        assertThat(jars.query("SELECT SUM(replays) FROM sync_run WHERE source_id = '" + KILLED_MID_SYNC + "'")).isZero();
        // and the province holds each completion once: the only rows sent twice are those of the batches A had in
        // flight, sent again by B once A's lease on them lapsed, and answered as duplicates
        JsonNode after = jars.get(sim + "/province/stats");
        assertThat(after.path("doubleCounted").asInt()).isZero();
        assertThat(after.path("uniqueKeys").asInt()).isEqualTo(jars.query(
                "SELECT COUNT(*) FROM push_outbox o WHERE o.status = 'DONE' AND o.revision = "
                        + "(SELECT MAX(p.revision) FROM push_outbox p WHERE p.completion_key = o.completion_key)"));
        assertThat(after.path("duplicateSubmissions").asInt())
                .isEqualTo(jars.query("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'"))
                .isLessThanOrEqualTo(2 * 500); // a batch per push worker: sync.push.workers × sync.push.batch-size
        assertThat(jars.query("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE' AND attempts < 2")).isZero();
    }
}
