package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.pull.RunTrigger;
import cn.shandong.chsync.pull.SourceCatalog;
import cn.shandong.chsync.pull.SourceSchedules;
import cn.shandong.chsync.pull.SyncRun;
import cn.shandong.chsync.pull.SyncRuns;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import cn.shandong.chsync.pull.RunView;

/** The platforms and their state, for operators: sync now, pause, resume, change the schedule. */
@RestController
@RequestMapping("/api/sources")
public class SourcesController {

    private final JdbcTemplate jdbc;
    private final SourceCatalog catalog;
    private final SyncRuns runs;
    private final ProducerTemplate camel;
    private final SourceSchedules schedules;
    private final AuditLog audit;

    SourcesController(JdbcTemplate jdbc, SourceCatalog catalog, SyncRuns runs, ProducerTemplate camel,
                      SourceSchedules schedules, AuditLog audit) {
        this.audit = audit;
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.runs = runs;
        this.camel = camel;
    }

    public record SourceView(String id, String name, String cityCode, String vendor, String cron, boolean paused,
                      Long runningRunId, RunView lastRun) {
    }

    @GetMapping
    public List<SourceView> list() {
        return sources(null);
    }

    /**
     * Starts a sync at once, from the cursor, or with full=true from the platform's first record;
     * 409 when the source is paused or a run of it is under way.
     */
    @PostMapping("/{id}/sync")
    public ResponseEntity<Map<String, Object>> sync(@PathVariable String id, @RequestParam(defaultValue = "false") boolean full) {
        known(id);
        SyncRun run = runs.begin(id, full ? RunTrigger.FULL : RunTrigger.MANUAL).orElseThrow(() -> registered(id)
                ? new RequestRefused(HttpStatus.CONFLICT, "SOURCE_BUSY", "source " + id + " is paused or already syncing", id)
                // its mapping is loaded but its row and route are not there yet
                : new RequestRefused(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_STARTING", "the service is starting: source " + id
                        + " is not registered yet, try again in a few seconds", id));
        audit.record(full ? "SYNC_FULL" : "SYNC", "source " + id, "run " + run.id());
        camel.asyncSend("direct:pull-" + id, exchange -> exchange.setProperty(SyncRuns.RUN, run));
        return ResponseEntity.accepted().body(Map.of("runId", run.id(), "sourceId", id, "status", "RUNNING"));
    }

    public record Schedule(String cron) {
    }

    /** A new Quartz cron for the source, effective at once on every instance; 400 if it is not one. */
    @PutMapping("/{id}/schedule")
    public SourceView schedule(@PathVariable String id, @RequestBody Schedule schedule) throws SchedulerException {
        known(id);
        try {
            schedules.reschedule(id, schedule.cron() == null ? "" : schedule.cron().strip());
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CRON", e.getMessage());
        }
        audit.record("SCHEDULE", "source " + id, schedule.cron());
        return one(id);
    }

    @PostMapping("/{id}/pause")
    public SourceView pause(@PathVariable String id) {
        known(id);
        schedules.pause(id, true);
        audit.record("PAUSE", "source " + id, null);
        return one(id);
    }

    @PostMapping("/{id}/resume")
    public SourceView resume(@PathVariable String id) {
        known(id);
        schedules.pause(id, false);
        audit.record("RESUME", "source " + id, null);
        return one(id);
    }

    private boolean registered(String id) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM source WHERE id = ?", Integer.class, id);
        return rows != null && rows > 0;
    }

    private void known(String id) {
        if (catalog.find(id).isEmpty()) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_SOURCE", "no source " + id, id);
        }
    }

    private SourceView one(String id) {
        return sources(id).get(0);
    }

    /** Every source (or one) with its last run, in one query. */
    private List<SourceView> sources(String id) {
        String runColumns = RunView.COLUMNS.replaceAll("(\\w+)", "r.$1");
        return jdbc.query("SELECT s.id AS source_key, s.name, s.city_code, s.vendor, s.cron, s.paused, s.running_run_id, "
                        + runColumns + " FROM source s LEFT JOIN sync_run r ON r.id = "
                        + "(SELECT MAX(l.id) FROM sync_run l WHERE l.source_id = s.id)"
                        + (id == null ? "" : " WHERE s.id = ?") + " ORDER BY s.id",
                (rs, i) -> new SourceView(rs.getString("source_key"), rs.getString("name"), rs.getString("city_code"),
                        rs.getString("vendor"), rs.getString("cron"), rs.getBoolean("paused"),
                        (Long) rs.getObject("running_run_id", Long.class),
                        rs.getObject("id") == null ? null : RunView.read(rs, i)),
                id == null ? new Object[0] : new Object[] {id});
    }
}
