package cn.shandong.chsync.monitor;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.Texts;
import cn.shandong.chsync.pull.RunRecords;
import cn.shandong.chsync.pull.RunView;
import cn.shandong.chsync.pull.SourceCatalog;
import cn.shandong.chsync.pull.SourceTable;
import cn.shandong.chsync.record.CreditRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Which sources need an operator's eye: one that has not synced successfully within its expected
 * interval (STALE), and one whose records of the last 24 hours fell far below its usual day
 * (LOW_VOLUME). Read by GET /api/alerts, the health endpoint and the gauges
 * chsync.source.stale and chsync.source.low.volume (1 when flagged), per source.
 */
@Component
public class SourceAlerts {

    public enum Kind { STALE, LOW_VOLUME }

    /** An alert; its message is in the language of the request that asked (Chinese without one). */
    public record Alert(String sourceId, Kind kind, String message) {
    }

    /** One source's state as the alerts judge it. */
    public record SourceState(String sourceId, boolean paused, String lastStatus, Instant lastSuccess,
                              Duration expectedInterval, int lastDayVolume, int usualDailyVolume, List<Alert> alerts) {
    }

    private static final Duration DAY = Duration.ofDays(1);
    /** Gauges are read on every scrape: the states are worked out at most this often. */
    private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(10);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CreditRecord.ZONE);

    private final SourceTable sources;
    private final RunRecords runs;
    private final Texts texts;
    private final Clock clock;
    private final SyncProperties.Alerts settings;
    private volatile Map<String, SourceState> snapshot = Map.of();
    private volatile Instant snapshotAt = Instant.EPOCH;

    SourceAlerts(SourceTable sources, RunRecords runs, Texts texts, Clock clock, SyncProperties properties, MeterRegistry meters,
                 SourceCatalog catalog) {
        this.sources = sources;
        this.runs = runs;
        this.texts = texts;
        this.clock = clock;
        this.settings = properties.alerts();
        for (String source : catalog.ids()) {
            Gauge.builder("chsync.source.stale", () -> flagged(source, Kind.STALE)).tag("source", source)
                    .description("1 when the source has not synced successfully within its expected interval").register(meters);
            Gauge.builder("chsync.source.low.volume", () -> flagged(source, Kind.LOW_VOLUME)).tag("source", source)
                    .description("1 when the source's last 24 hours brought far fewer records than its usual day").register(meters);
        }
    }

    public List<Alert> current() {
        return states().stream().flatMap(s -> s.alerts().stream()).toList();
    }

    /** Every source's state, worked out now. */
    public List<SourceState> states() {
        Instant now = Instant.now(clock);
        Map<String, int[]> volumes = volumes(now);
        List<SourceState> states = new ArrayList<>();
        Map<String, Instant> successes = runs.lastSuccessPerSource();
        Map<String, RunView> latest = runs.latestPerSource();
        for (SourceTable.SourceRow source : sources.rows()) {
            String id = source.id();
            Instant lastSuccess = successes.get(id);
            Instant since = lastSuccess != null ? lastSuccess : source.createdAt();
            boolean paused = source.paused();
            Duration interval = interval(source.cron(), now);
            List<Alert> alerts = new ArrayList<>();
            Duration allowed = allowed(interval);
            if (!paused && since != null && since.isBefore(now.minus(allowed))) {
                long minutes = Duration.between(since, now).toMinutes();
                alerts.add(new Alert(id, Kind.STALE, lastSuccess == null
                        ? texts.get("alert.STALE.never", minutes, allowed.toMinutes())
                        : texts.get("alert.STALE", MINUTE.format(lastSuccess), minutes, allowed.toMinutes())));
            }
            int[] days = volumes.getOrDefault(id, new int[settings.volumeDays() + 1]);
            int usual = median(Arrays.copyOfRange(days, 1, days.length));
            if (!paused && usual >= settings.volumeMinDaily() && days[0] < settings.volumeRatio() * usual) {
                alerts.add(new Alert(id, Kind.LOW_VOLUME, texts.get("alert.LOW_VOLUME", days[0], settings.volumeDays(), usual)));
            }
            RunView last = latest.get(id);
            states.add(new SourceState(id, paused, last == null ? null : last.status(), lastSuccess, interval, days[0], usual,
                    List.copyOf(alerts)));
        }
        snapshot = states.stream().collect(java.util.stream.Collectors.toMap(SourceState::sourceId, s -> s));
        snapshotAt = now;
        return states;
    }

    private int flagged(String sourceId, Kind kind) {
        if (snapshotAt.isBefore(Instant.now(clock).minus(SNAPSHOT_AGE))) {
            states();
        }
        SourceState state = snapshot.get(sourceId);
        return state != null && state.alerts().stream().anyMatch(a -> a.kind() == kind) ? 1 : 0;
    }

    private Duration allowed(Duration interval) {
        Duration scaled = Duration.ofMillis((long) (interval.toMillis() * settings.freshnessFactor()));
        return scaled.compareTo(settings.freshnessMin()) < 0 ? settings.freshnessMin() : scaled;
    }

    /**
     * Per source, the records new to us (fetched less replays) of each 24-hour window back from
     * now: index 0 the last 24 hours, 1 the day before, and so on.
     */
    private Map<String, int[]> volumes(Instant now) {
        Map<String, int[]> volumes = new HashMap<>();
        int windows = settings.volumeDays() + 1;
        for (RunRecords.Volume run : runs.volumesSince(Timestamp.from(now.minus(DAY.multipliedBy(windows))))) {
            int window = (int) (Duration.between(run.startedAt(), now).toMillis() / DAY.toMillis());
            if (window >= 0 && window < windows) {
                volumes.computeIfAbsent(run.sourceId(), k -> new int[windows])[window] += run.newToUs();
            }
        }
        return volumes;
    }

    /** The gap between the cron's next two fires (its interval where it is regular). */
    static Duration interval(String cron, Instant now) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getDefault());
            Date first = expression.getNextValidTimeAfter(Date.from(now));
            Date second = first == null ? null : expression.getNextValidTimeAfter(first);
            return second == null ? DAY : Duration.between(first.toInstant(), second.toInstant());
        } catch (ParseException e) {
            return DAY;
        }
    }

    static int median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
