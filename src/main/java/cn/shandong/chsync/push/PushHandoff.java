package cn.shandong.chsync.push;

import cn.shandong.chsync.record.CreditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * New completions a page has just committed, handed to this instance's push loops in memory so
 * that they need not be read back from the outbox and leased there. The page writes no outbox row
 * for them but one lease row (push_lease) that stands for them all, and hands them over once its
 * transaction has committed; a loop sends them as they are, and their outbox rows are written once
 * the province has answered, in the state the answer gives. The database stays what counts:
 * completions this instance never sent (it stopped, or they waited here too long) become outbox
 * rows, due at once, when their page's lease runs out, and are claimed from the table like any other.
 *
 * <p>At most sync.push.handoff-rows wait here; a page that finds no room, or the push route
 * stopped or not polling (its breaker open), writes its rows to be claimed.
 */
@Component
public class PushHandoff {

    /**
     * A completion handed over: its key and revision, what to send, and the lease it was handed
     * over under (written by its page at {@code writtenAt}, running out at {@code leaseUntil}).
     */
    public record HandedCompletion(String completionKey, int revision, String provinceKey, CreditRecord record, String token,
                         Instant writtenAt, Instant leaseUntil) {
    }

    /** Room taken for one page's rows, under one lease. */
    public record Lease(String token, Instant until, int rows) {
    }

    /** The route whose loops take what is handed over (routes/push.camel.yaml). */
    static final String ROUTE = "push";
    /** The least time without a poll after which the loops are taken not to run. */
    static final Duration POLLING_AT_LEAST_WITHIN = Duration.ofSeconds(3);

    private final int capacity;
    private final Duration lease;
    private final long pollingWithinNanos;
    private final BooleanSupplier routeStarted;
    private final LongSupplier nanoTime;
    private final AtomicInteger taken = new AtomicInteger();
    private final ConcurrentLinkedQueue<HandedCompletion> waiting = new ConcurrentLinkedQueue<>();
    private volatile long lastPolled;

    @Autowired
    PushHandoff(@Value("${sync.push.handoff-rows}") int capacity, @Value("${sync.push.lease}") Duration lease,
                @Value("${sync.push.period-ms}") long periodMs, ObjectProvider<CamelContext> camel) {
        this(capacity, lease, periodMs, () -> {
            ServiceStatus push = camel.getObject().getRouteController().getRouteStatus(ROUTE);
            return push != null && push.isStarted();
        }, System::nanoTime);
    }

    /** {@code routeStarted}: whether the push route runs; {@code nanoTime}: the clock polls are timed by. */
    PushHandoff(int capacity, Duration lease, long periodMs, BooleanSupplier routeStarted, LongSupplier nanoTime) {
        this.routeStarted = routeStarted;
        this.nanoTime = nanoTime;
        this.capacity = capacity;
        this.lease = lease;
        // A push loop polls at least once a period while it runs, but not while its batch is on the way
        // to the province, which on a busy machine can take longer than a short period's three: none for
        // three periods, and at least three seconds, and it does not run.
        this.pollingWithinNanos = Math.max(Duration.ofMillis(3 * periodMs).toNanos(), POLLING_AT_LEAST_WITHIN.toNanos());
        this.lastPolled = nanoTime.getAsLong() - Long.MAX_VALUE / 2;
    }

    /**
     * Room for {@code rows} to be handed over, under a lease that ends at {@code now} plus
     * sync.push.lease; null when there is none, or the push route is stopped or has not polled for
     * three sync.push.period-ms (and at least three seconds).
     */
    public Lease reserve(int rows, Instant now) {
        if (rows == 0 || nanoTime.getAsLong() - lastPolled > pollingWithinNanos || !routeStarted.getAsBoolean()) {
            return null;
        }
        int before;
        do {
            before = taken.get();
            if (before + rows > capacity) {
                return null;
            }
        } while (!taken.compareAndSet(before, before + rows));
        return new Lease(UUID.randomUUID().toString(), now.plus(lease), rows);
    }

    /** The page committed: its rows wait for a push loop. Fewer than reserved give the rest of the room back. */
    public void handOver(Lease reserved, List<HandedCompletion> rows) {
        waiting.addAll(rows);
        taken.addAndGet(rows.size() - reserved.rows());
    }

    /** The page rolled back: nothing of it is handed over. */
    public void release(Lease reserved) {
        taken.addAndGet(-reserved.rows());
    }

    /**
     * Up to {@code max} handed rows whose lease has at least half of sync.push.lease left, to send
     * now. A row with less is dropped here: its lease runs out before long, and it is claimed then.
     */
    List<HandedCompletion> poll(int max, Instant now) {
        lastPolled = nanoTime.getAsLong();
        Instant sendableUntil = now.plus(lease.dividedBy(2));
        List<HandedCompletion> batch = new ArrayList<>(Math.min(max, taken.get()));
        HandedCompletion next;
        while (batch.size() < max && (next = waiting.poll()) != null) {
            taken.decrementAndGet();
            if (next.leaseUntil().isAfter(sendableUntil)) {
                batch.add(next);
            }
        }
        return batch;
    }

    /** A push loop polled, whether or not it took anything: pages may hand over. */
    void polled() {
        lastPolled = nanoTime.getAsLong();
    }

    /** How many rows wait or are reserved. */
    public int size() {
        return taken.get();
    }
}
