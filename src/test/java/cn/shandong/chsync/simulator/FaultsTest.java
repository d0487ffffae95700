package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final Faults faults = new Faults();

    @Test
    void aFaultOnAPageHitsThatPageExactlyTheGivenNumberOfTimes() {
        faults.add(new Faults.Fault("sdbz", List.of(3), 503, 2, 1, null, null, null, null, null, null, null));

        assertThat(faults.hit("sdbz", 2)).isEmpty();
        assertThat(faults.hit("sdbz", 3)).hasValueSatisfying(h -> assertThat(h.status()).isEqualTo(503));
        assertThat(faults.hit("sdbz", 3)).isPresent();
        assertThat(faults.hit("sdbz", 3)).isEmpty();
        assertThat(faults.list()).isEmpty();
    }

    @Test
    void aFaultWithoutACountLastsUntilCleared() {
        faults.add(new Faults.Fault("province", null, 500, 0, null, null, null, null, null, null, null, null));

        for (int i = 0; i < 5; i++) {
            assertThat(faults.hit("province", null)).isPresent();
        }
        assertThat(faults.hit("sdbz", 1)).isEmpty();
        faults.clear();
        assertThat(faults.hit("province", null)).isEmpty();
    }
}
