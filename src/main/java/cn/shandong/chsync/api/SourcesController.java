package cn.shandong.chsync.api;

import cn.shandong.chsync.pull.RunStatus;
import cn.shandong.chsync.pull.SourceOperations;
import cn.shandong.chsync.pull.SourceOperations.SourceView;
import cn.shandong.chsync.pull.SyncRun;
import java.util.List;
import java.util.Map;
import org.quartz.SchedulerException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platforms and their state, for operators: sync now, pause, resume, change the schedule (see SourceOperations). */
@RestController
@RequestMapping("/api/sources")
public class SourcesController {

    private final SourceOperations sources;

    SourcesController(SourceOperations sources) {
        this.sources = sources;
    }

    @GetMapping
    public List<SourceView> list() {
        return sources.list();
    }

    /**
     * Starts a sync at once, from the cursor, or with full=true from the platform's first record;
     * 202 with the run's id, 409 when the source is paused or a run of it is under way.
     */
    @PostMapping("/{id}/sync")
    public ResponseEntity<Map<String, Object>> sync(@PathVariable String id, @RequestParam(defaultValue = "false") boolean full) {
        SyncRun run = sources.sync(id, full);
        return ResponseEntity.accepted().body(Map.of("runId", run.id(), "sourceId", id, "status", RunStatus.RUNNING.name()));
    }

    public record Schedule(String cron) {
    }

    /** A new Quartz cron for the source, effective at once on every instance; 400 if it is not one. */
    @PutMapping("/{id}/schedule")
    public SourceView schedule(@PathVariable String id, @RequestBody Schedule schedule) throws SchedulerException {
        return sources.schedule(id, schedule.cron());
    }

    @PostMapping("/{id}/pause")
    public SourceView pause(@PathVariable String id) {
        return sources.pause(id);
    }

    @PostMapping("/{id}/resume")
    public SourceView resume(@PathVariable String id) {
        return sources.resume(id);
    }
}
