package cn.shandong.chsync.api;

import cn.shandong.chsync.pull.RunHistory;
import cn.shandong.chsync.pull.RunView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Run history for operators: newest first, filtered by source and status (see RunHistory). */
@RestController
@RequestMapping("/api/runs")
public class RunsController {

    private final RunHistory history;

    RunsController(RunHistory history) {
        this.history = history;
    }

    @GetMapping
    public List<RunView> list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "50") int limit) {
        return history.list(source, status, limit);
    }

    /** Counts per day and source of the runs started in the last {@code days} days (today included), newest day first. */
    @GetMapping("/daily")
    public List<RunHistory.DailyCounts> daily(@RequestParam(required = false) String source,
                                              @RequestParam(defaultValue = "14") int days) {
        return history.daily(source, days);
    }

    @GetMapping("/{id}")
    public RunView one(@PathVariable long id) {
        return history.one(id);
    }
}
