package cn.shandong.chsync.console;

import cn.shandong.chsync.pull.RunHistory;
import cn.shandong.chsync.pull.RunView;
import cn.shandong.chsync.pull.SourceOperations;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators' run history and one run's page. A running sync's page polls GET /api/runs/{id}
 * (static/js/run-progress.js) and moves its progress bar until the run has finished.
 */
@Hidden
@Controller
@RequestMapping("/console/runs")
class RunsPage {

    private final RunHistory runs;
    private final SourceOperations sources;

    RunsPage(RunHistory runs, SourceOperations sources) {
        this.runs = runs;
        this.sources = sources;
    }

    @GetMapping
    String list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                @RequestParam(defaultValue = "100") int limit, Model model) {
        model.addAttribute("runs", runs.list(blankToNull(source), blankToNull(status), limit));
        model.addAttribute("sources", sources.list());
        model.addAttribute("source", source);
        model.addAttribute("status", status);
        return "console/runs";
    }

    @GetMapping("/{id}")
    String one(@PathVariable long id, Model model) {
        RunView run = runs.one(id);
        model.addAttribute("run", run);
        model.addAttribute("percent", percent(run));
        return "console/run";
    }

    /** How far a run is, where the platform said how many records the pass holds; null where it did not. */
    static Integer percent(RunView run) {
        if (run.finishedAt() != null) {
            return 100;
        }
        if (run.expectedTotal() == null || run.expectedTotal() <= 0) {
            return null;
        }
        return (int) Math.min(100, Math.floor(run.fetched() * 100.0 / run.expectedTotal()));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
