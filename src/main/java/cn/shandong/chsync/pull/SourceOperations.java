package cn.shandong.chsync.pull;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.security.AuditLog;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What operators do with the platforms, as the API and the console both do it: list them with
 * their last run, sync now, pause, resume, change the schedule. Every change is audited.
 */
@Service
public class SourceOperations {

    private final SourceCatalog catalog;
    private final SourceTable table;
    private final RunRecords runRecords;
    private final SyncRuns runs;
    private final ProducerTemplate camel;
    private final SourceSchedules schedules;
    private final AuditLog audit;

    SourceOperations(SourceCatalog catalog, SourceTable table, RunRecords runRecords, SyncRuns runs, ProducerTemplate camel,
                     SourceSchedules schedules, AuditLog audit) {
        this.catalog = catalog;
        this.table = table;
        this.runRecords = runRecords;
        this.runs = runs;
        this.camel = camel;
        this.schedules = schedules;
        this.audit = audit;
    }

    public record SourceView(String id, String name, String cityCode, String vendor, String cron, boolean paused,
                             Long runningRunId, RunView lastRun) {
    }

    /** Every source with its last run, by id. */
    public List<SourceView> list() {
        Map<String, RunView> latest = runRecords.latestPerSource();
        return table.rows().stream().map(row -> view(row, latest.get(row.id()))).toList();
    }

    /**
     * Starts a sync at once, from the cursor, or with {@code full} from the platform's first
     * record; refused (409) when the source is paused or a run of it is under way. The run goes
     * on in the background: answered is the run as it starts.
     */
    public SyncRun sync(String id, boolean full) {
        known(id);
        SyncRun run = runs.begin(id, full ? RunTrigger.FULL : RunTrigger.MANUAL).orElseThrow(() -> table.registered(id)
                ? new RequestRefused(HttpStatus.CONFLICT, "SOURCE_BUSY", "source " + id + " is paused or already syncing", id)
                // its mapping is loaded but its row and route are not there yet
                : new RequestRefused(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_STARTING", "the service is starting: source " + id
                        + " is not registered yet, try again in a few seconds", id));
        audit.record(full ? "SYNC_FULL" : "SYNC", "source " + id, "run " + run.id());
        camel.asyncSend("direct:pull-" + id, exchange -> exchange.setProperty(SyncRuns.RUN, run));
        return run;
    }

    /** A new Quartz cron for the source, effective at once on every instance; refused (400) if it is not one. */
    public SourceView schedule(String id, String cron) throws SchedulerException {
        known(id);
        try {
            schedules.reschedule(id, cron == null ? "" : cron.strip());
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CRON", e.getMessage());
        }
        audit.record("SCHEDULE", "source " + id, cron);
        return one(id);
    }

    public SourceView pause(String id) {
        known(id);
        schedules.pause(id, true);
        audit.record("PAUSE", "source " + id, null);
        return one(id);
    }

    public SourceView resume(String id) {
        known(id);
        schedules.pause(id, false);
        audit.record("RESUME", "source " + id, null);
        return one(id);
    }

    private void known(String id) {
        if (catalog.find(id).isEmpty()) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_SOURCE", "no source " + id, id);
        }
    }

    private SourceView one(String id) {
        return view(table.row(id).orElseThrow(), runRecords.list(id, null, 1).stream().findFirst().orElse(null));
    }

    private static SourceView view(SourceTable.SourceRow row, RunView lastRun) {
        return new SourceView(row.id(), row.name(), row.cityCode(), row.vendor(), row.cron(), row.paused(),
                row.runningRunId(), lastRun);
    }
}
