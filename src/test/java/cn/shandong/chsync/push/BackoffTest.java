package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));

    @ParameterizedTest(name = "after attempt {0} wait {1} s")
    @CsvSource({"0,2", "1,2", "2,4", "3,8", "4,16", "9,512", "10,600", "60,600"})
    void doublesFromTheBaseUpToTheCap(int attempts, long seconds) {
        assertThat(backoff.after(attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
