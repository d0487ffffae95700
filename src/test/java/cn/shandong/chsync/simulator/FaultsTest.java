package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final Faults faults = new Faults();

    @Test
    void aFaultOnAPageHitsThatPageExactlyTheGivenNumberOfTimes() {
        faults.add(new Faults.Fault("sdbz", List.of(3), 503, 2, 1, null, null, null, null, null, null, null, null));

        assertThat(faults.hit("sdbz", 2)).isEmpty();
        assertThat(faults.hit("sdbz", 3)).hasValueSatisfying(h -> assertThat(h.status()).isEqualTo(503));
        assertThat(faults.hit("sdbz", 3)).isPresent();
        assertThat(faults.hit("sdbz", 3)).isEmpty();
        assertThat(faults.list()).isEmpty();
    }

    @Test
    void aFaultWithoutACountLastsUntilCleared() {
        faults.add(new Faults.Fault("province", null, 500, 0, null, null, null, null, null, null, null, null, null));

        for (int i = 0; i < 5; i++) {
            assertThat(faults.hit("province", null)).isPresent();
        }
        assertThat(faults.hit("sdbz", 1)).isEmpty();
        faults.clear();
        assertThat(faults.hit("province", null)).isEmpty();
    }

    @Test
    void aFaultWithAShareHitsThatShareOfRequestsTheSameWayEachTime() {
        // given two faults on the province, 503 on 20 % of requests and 429 on 10 % of those it spares
        int[] first = shares(new Faults());
        int[] again = shares(new Faults());

        // then about those shares of 10,000 requests were hit, and a second simulator hits the very same ones
        assertThat(first[0]).isBetween(1900, 2100);
        assertThat(first[1]).isBetween(700, 900);
        assertThat(again).isEqualTo(first);
    }

    private static int[] shares(Faults faults) {
        faults.add(new Faults.Fault("province", null, 503, 0, null, null, null, null, null, null, null, null, 0.2));
        faults.add(new Faults.Fault("province", null, 429, 0, 1, null, null, null, null, null, null, null, 0.1));
        int[] hits = new int[2];
        for (int i = 0; i < 10_000; i++) {
            faults.hit("province", null).ifPresent(h -> hits[h.status() == 503 ? 0 : 1]++);
        }
        assertThat(faults.hits()).as("the hits counted for the chaos run's report").isEqualTo(hits[0] + hits[1]);
        return hits;
    }
}
