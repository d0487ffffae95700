package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.PushHandoff.HandedCompletion;
import cn.shandong.chsync.push.PushHandoff.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushHandoffTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    private final AtomicBoolean routeStarted = new AtomicBoolean(true);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PushHandoff handoff = new PushHandoff(10, LEASE, 1000, routeStarted::get, nanos::get);

    @Test
    void roomIsTakenPerPageAndGivenBackWhenThePageRollsBackOrHandsOverFewerRows() {
        handoff.polled();

        Lease first = handoff.reserve(6, NOW);
        assertThat(first).isNotNull();
        assertThat(first.until()).isEqualTo(NOW.plus(LEASE));
        assertThat(handoff.reserve(5, NOW)).as("6 + 5 rows are more than the 10 there is room for").isNull();
        Lease second = handoff.reserve(4, NOW);
        assertThat(second).isNotNull();
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(handoff.size()).isEqualTo(10);

        handoff.release(second);
        assertThat(handoff.size()).isEqualTo(6);
        handoff.handOver(first, rows(first, 5));
        assertThat(handoff.size()).as("the sixth row reserved was not handed over").isEqualTo(5);
        assertThat(handoff.reserve(5, NOW)).isNotNull();
        assertThat(handoff.reserve(1, NOW)).isNull();
    }

    @Test
    void nothingIsReservedWhileThePushRouteIsStoppedOrHasNeverPolled() {
        assertThat(handoff.reserve(1, NOW)).as("no loop has polled yet").isNull();

        handoff.polled();
        routeStarted.set(false);
        assertThat(handoff.reserve(1, NOW)).as("the route is stopped").isNull();

        routeStarted.set(true);
        assertThat(handoff.reserve(1, NOW)).isNotNull();
        assertThat(handoff.reserve(0, NOW)).as("a page with nothing new").isNull();
    }

    @Test
    void pagesHandOverWhileALoopPolledWithinThreePeriodsAndAtLeastThreeSeconds() {
        handoff.polled();
        nanos.addAndGet(Duration.ofMillis(3000).toNanos());
        assertThat(handoff.reserve(1, NOW)).as("three periods of 1 s since the last poll").isNotNull();
        nanos.addAndGet(1);
        assertThat(handoff.reserve(1, NOW)).as("more than three periods").isNull();

        // a short period: a loop whose batch is on the way to the province for a second still runs
        PushHandoff shortPeriod = new PushHandoff(10, LEASE, 250, routeStarted::get, nanos::get);
        shortPeriod.polled();
        nanos.addAndGet(Duration.ofMillis(2999).toNanos());
        assertThat(shortPeriod.reserve(1, NOW)).as("three periods of 250 ms are less than three seconds").isNotNull();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(shortPeriod.reserve(1, NOW)).as("three seconds without a poll").isNull();
        assertThat(shortPeriod.poll(1, NOW)).isEmpty();
        assertThat(shortPeriod.reserve(1, NOW)).as("polled again").isNotNull();
    }

    @Test
    void aLoopTakesUpToABatchInTheOrderHandedAndDropsRowsWithLessThanHalfTheirLeaseLeft() {
        handoff.polled();
        Lease early = handoff.reserve(2, NOW);
        handoff.handOver(early, rows(early, 2));
        Lease late = handoff.reserve(3, NOW.plusSeconds(40));
        handoff.handOver(late, rows(late, 3));

        // 40 s on, the early rows have 20 s of their 60 s lease left: the outbox is left to claim them when it runs out
        List<HandedCompletion> batch = handoff.poll(2, NOW.plusSeconds(40));
        assertThat(batch).extracting(HandedCompletion::completionKey).containsExactly(late.token() + "-0", late.token() + "-1");
        assertThat(handoff.size()).isEqualTo(1);
        assertThat(handoff.poll(5, NOW.plusSeconds(40))).extracting(HandedCompletion::completionKey)
                .containsExactly(late.token() + "-2");
        assertThat(handoff.size()).isZero();
    }

    private static List<HandedCompletion> rows(Lease lease, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new HandedCompletion(lease.token() + "-" + i, 1, "province-" + i, null, lease.token(), NOW, lease.until()))
                .toList();
    }
}
