package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.record.CreditRecord;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import cn.shandong.chsync.pull.RunView;

/** Run history for operators: newest first, filtered by source and status. */
@RestController
@RequestMapping("/api/runs")
public class RunsController {

    private static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    RunsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    public List<RunView> list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                       @RequestParam(defaultValue = "50") int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (source != null) {
            sql.append(" AND source_id = ?");
            args.add(source);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.toUpperCase());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, MAX_LIMIT)));
        return jdbc.query(sql.toString(), RunView::read, args.toArray());
    }

    /** What the runs of one day and source added up to; the day is Shandong's (Asia/Shanghai). */
    public record DailyCounts(LocalDate date, String sourceId, int runs, int succeeded, int failed, int abandoned, int fetched,
                       int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined) {

        DailyCounts plus(RunView r) {
            return new DailyCounts(date, sourceId, runs + 1, succeeded + ("SUCCEEDED".equals(r.status()) ? 1 : 0),
                    failed + ("FAILED".equals(r.status()) ? 1 : 0), abandoned + ("ABANDONED".equals(r.status()) ? 1 : 0),
                    fetched + r.fetched(), newRecords + r.newRecords(), replays + r.replays(), revisions + r.revisions(),
                    crossSourceDuplicates + r.crossSourceDuplicates(), quarantined + r.quarantined());
        }
    }

    /** Counts per day and source of the runs started in the last {@code days} days (today included), newest day first. */
    @GetMapping("/daily")
    public List<DailyCounts> daily(@RequestParam(required = false) String source, @RequestParam(defaultValue = "14") int days) {
        LocalDate today = LocalDate.now(CreditRecord.ZONE);
        LocalDate first = today.minusDays(Math.max(1, Math.min(days, 366)) - 1L);
        Timestamp from = Timestamp.from(first.atStartOfDay(CreditRecord.ZONE).toInstant());
        Map<String, DailyCounts> byDay = new HashMap<>();
        jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE started_at >= ?"
                + (source == null ? "" : " AND source_id = ?"), rs -> {
            RunView run = RunView.read(rs, 0);
            LocalDate day = run.startedAt().atZone(CreditRecord.ZONE).toLocalDate();
            byDay.merge(day + "|" + run.sourceId(),
                    new DailyCounts(day, run.sourceId(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).plus(run),
                    (a, b) -> a.plus(run));
        }, source == null ? new Object[] {from} : new Object[] {from, source});
        return byDay.values().stream()
                .sorted(Comparator.comparing(DailyCounts::date).reversed().thenComparing(DailyCounts::sourceId)).toList();
    }

    @GetMapping("/{id}")
    public RunView one(@PathVariable long id) {
        return jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE id = ?", RunView::read, id).stream()
                .findFirst()
                .orElseThrow(() -> new RequestRefused(HttpStatus.NOT_FOUND, "NO_RUN", "no run " + id, id));
    }
}
