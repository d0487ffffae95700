package cn.shandong.chsync.pull;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.record.CreditRecord;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Run history for operators, as the API and the console show it: newest first, one run, and day by day. */
@Service
public class RunHistory {

    public static final int MAX_LIMIT = 1000;

    private final RunRecords runs;

    RunHistory(RunRecords runs) {
        this.runs = runs;
    }

    /** What the runs of one day and source added up to; the day is Shandong's (Asia/Shanghai). */
    public record DailyCounts(LocalDate date, String sourceId, int runs, int succeeded, int failed, int abandoned, int fetched,
                              int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined) {

        DailyCounts plus(RunView r) {
            return new DailyCounts(date, sourceId, runs + 1, succeeded + (RunStatus.SUCCEEDED.name().equals(r.status()) ? 1 : 0),
                    failed + (RunStatus.FAILED.name().equals(r.status()) ? 1 : 0),
                    abandoned + (RunStatus.ABANDONED.name().equals(r.status()) ? 1 : 0),
                    fetched + r.fetched(), newRecords + r.newRecords(), replays + r.replays(), revisions + r.revisions(),
                    crossSourceDuplicates + r.crossSourceDuplicates(), quarantined + r.quarantined());
        }
    }

    /**
     * The latest runs, of one source and one status where they are given (a status no run can
     * have matches none); at most {@link #MAX_LIMIT}.
     */
    public List<RunView> list(String sourceId, String status, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        if (status == null) {
            return runs.list(sourceId, null, bounded);
        }
        return Arrays.stream(RunStatus.values()).filter(s -> s.name().equalsIgnoreCase(status)).findFirst()
                .map(s -> runs.list(sourceId, s, bounded)).orElse(List.of());
    }

    public RunView one(long id) {
        return runs.find(id).orElseThrow(() -> new RequestRefused(HttpStatus.NOT_FOUND, "NO_RUN", "no run " + id, id));
    }

    /** Counts per day and source of the runs started in the last {@code days} days (today included), newest day first. */
    public List<DailyCounts> daily(String sourceId, int days) {
        LocalDate today = LocalDate.now(CreditRecord.ZONE);
        LocalDate first = today.minusDays(Math.max(1, Math.min(days, 366)) - 1L);
        Map<String, DailyCounts> byDay = new HashMap<>();
        for (RunView run : runs.startedSince(Timestamp.from(first.atStartOfDay(CreditRecord.ZONE).toInstant()), sourceId)) {
            LocalDate day = run.startedAt().atZone(CreditRecord.ZONE).toLocalDate();
            byDay.merge(day + "|" + run.sourceId(),
                    new DailyCounts(day, run.sourceId(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).plus(run),
                    (a, b) -> a.plus(run));
        }
        return byDay.values().stream()
                .sorted(Comparator.comparing(DailyCounts::date).reversed().thenComparing(DailyCounts::sourceId)).toList();
    }
}
