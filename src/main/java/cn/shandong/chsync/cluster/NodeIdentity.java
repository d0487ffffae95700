package cn.shandong.chsync.cluster;

import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance's name in leases and run rows (host, process and a random part, unique per
 * start) and its heartbeat in sync_node. Whatever a name holds counts as held only while its
 * heartbeat is fresh: an instance killed with its sources leased frees them within the node
 * timeout, and the next trigger on any instance, a restarted one included, takes them over.
 */
@Component
public class NodeIdentity {

    private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);

    private final String name;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration timeout;
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-heartbeat");
        t.setDaemon(true);
        return t;
    });

    NodeIdentity(JdbcTemplate jdbc, Clock clock, @Value("${sync.node.heartbeat:PT5S}") Duration heartbeat,
                 @Value("${sync.node.timeout:PT30S}") Duration timeout) {
        if (timeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("sync.node.timeout (" + timeout + ") must be at least twice sync.node.heartbeat ("
                    + heartbeat + "), or a live instance would look dead between two beats");
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        this.name = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        this.jdbc = jdbc;
        this.clock = clock;
        this.timeout = timeout;
        Timestamp now = now();
        jdbc.update("INSERT INTO sync_node (name, started_at, heartbeat_at) VALUES (?, ?, ?)", name, now, now);
        // Names are unique per start, so the rows of instances long gone are only history.
        jdbc.update("DELETE FROM sync_node WHERE heartbeat_at < ?", Timestamp.from(now.toInstant().minus(Duration.ofDays(7))));
        beat.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    /** The oldest heartbeat an instance may have and still hold what it leased. */
    public Timestamp aliveSince() {
        return Timestamp.from(Instant.now(clock).minus(timeout));
    }

    private void beat() {
        try {
            jdbc.update("UPDATE sync_node SET heartbeat_at = ? WHERE name = ?", now(), name);
        } catch (RuntimeException e) {
            // The database is away: leases lapse for this instance as they should; try again next beat.
            log.warn("heartbeat of {} not written: {}", name, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        beat.shutdownNow();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
