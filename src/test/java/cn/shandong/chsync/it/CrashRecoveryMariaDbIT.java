package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.OutboxRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service killed with SIGKILL in the middle of a sync and while the province's answer to a
 * batch it has already taken is in flight; restarted on the same MariaDB, it resumes the sync
 * from its checkpoint and resends the batch under the same keys. Runs the packaged jar as two
 * processes (simulators, service), as bench/chaos does, so the kill is a real one.
 */
class CrashRecoveryMariaDbIT {

    private static final String SOURCE = "sdbz";
    private Jars jars;

    @AfterEach
    void stopEverything() {
        if (jars != null) {
            jars.close();
        }
    }

    @Test
    void aServiceKilledMidSyncAndMidPushResumesAndTheProvinceHoldsEachCompletionOnce() throws Exception {
        jars = new Jars("chsync_it_crash", "crash");
        String sim = jars.simulators(150);
        int port = Jars.freePort();
        JsonNode expected = jars.get(sim + "/expected").path("sources").path(SOURCE);
        int visible = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
        assertThat(visible).as("records on the platform: more than two of its pages of 1000").isGreaterThan(2000);

        // given a slow platform, and a province that takes the first batch and holds its answer 60 s
        jars.post(sim + "/control/faults", "{\"target\":\"" + SOURCE + "\",\"delayMs\":" + EndToEnd.SLOW_PAGE_MS + ",\"times\":0}");
        jars.post(sim + "/control/faults", "{\"target\":\"province\",\"afterProcessing\":true,\"delayMs\":60000,\"times\":1}");
        Process service = startService(port, sim, "first");
        String api = "http://localhost:" + port + "/api";
        jars.awaitSources(api);
        assertThat(jars.post(api + "/sources/" + SOURCE + "/sync", "").statusCode()).isEqualTo(202);

        // when the service is killed with two pages committed and the batch's answer in flight
        Jars.await(() -> jars.query("SELECT COALESCE(MAX(pages), 0) FROM sync_run") >= 2
                && jars.get(sim + "/province/stats").path("accepted").asInt() > 0, "two pages and a batch taken");
        service.destroyForcibly().waitFor();
        assertThat(jars.query("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isEqualTo(1);
        // what the province took and the dead instance never settled: the batches whose answers were in flight
        // (the held one, and any the other push worker had sent a moment before the kill)
        int takenNotSettled = jars.get(sim + "/province/stats").path("accepted").asInt()
                - jars.query("SELECT COUNT(*) FROM push_outbox WHERE status = 'DONE'");
        assertThat(takenNotSettled).isPositive();

        // when it starts again and the source is synced once the dead instance's heartbeat is stale
        jars.send(sim + "/control/faults", null, "DELETE");
        startService(port, sim, "second");
        jars.awaitSources(api);
        Jars.await(() -> jars.post(api + "/sources/" + SOURCE + "/sync", "").statusCode() == 202, "the source to be free");
        Jars.await(() -> jars.query("SELECT COUNT(*) FROM sync_run WHERE status = 'SUCCEEDED'") == 1, "the resumed run to finish");
        Jars.await(() -> jars.query(OutboxRepository.WAITING) == 0, "the outbox to drain");

        // then the killed run is ABANDONED, every page was counted once, and the province holds each completion once
        assertThat(jars.query("SELECT COUNT(*) FROM sync_run WHERE status = 'ABANDONED'")).isEqualTo(1);
        assertThat(jars.query("SELECT SUM(fetched) FROM sync_run")).isEqualTo(visible);
        assertThat(jars.query("SELECT SUM(replays) FROM sync_run")).isZero();
        JsonNode province = jars.get(sim + "/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
        // what was taken but not settled came again under the same keys: answered as duplicates, nothing more
        assertThat(province.path("duplicateSubmissions").asInt()).isEqualTo(takenNotSettled);
        assertThat(jars.query("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'")).isEqualTo(takenNotSettled);
    }

    /** The scheduler is off: the test alone starts syncs, and no instance takes the source over by itself. */
    private Process startService(int port, String sim, String name) throws IOException {
        return jars.service(name, port, sim, "--sync.scheduler.enabled=false");
    }
}
