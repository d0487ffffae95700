package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import cn.shandong.chsync.monitor.SourceAlerts;
import cn.shandong.chsync.pull.SourceOperations;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators' sources: each platform's state, schedule, last run and freshness, and the buttons
 * that sync, pause and resume it or change its cron. Each action is the API's (SourceOperations);
 * its refusal (409 while a run is under way, 400 for a bad cron) comes back as a message.
 */
@Hidden
@Controller
@RequestMapping("/console/sources")
class SourcesPage {

    private final SourceOperations sources;
    private final SourceAlerts alerts;
    private final Texts texts;

    SourcesPage(SourceOperations sources, SourceAlerts alerts, Texts texts) {
        this.sources = sources;
        this.alerts = alerts;
        this.texts = texts;
    }

    @GetMapping
    String list(Model model) {
        List<SourceOperations.SourceView> all = sources.list();
        Map<String, SourceAlerts.SourceState> states = alerts.states().stream()
                .collect(Collectors.toMap(SourceAlerts.SourceState::sourceId, Function.identity()));
        model.addAttribute("sources", all);
        model.addAttribute("states", states);
        return "console/sources";
    }

    /** Starts the sync and opens its run's page, where its progress shows. */
    @PostMapping("/{id}/sync")
    String sync(@PathVariable String id, @RequestParam(defaultValue = "false") boolean full, RedirectAttributes flash) {
        try {
            long runId = sources.sync(id, full).id();
            return "redirect:/console/runs/" + runId;
        } catch (ResponseStatusException e) {
            return refused(id, e, flash);
        }
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable String id, RedirectAttributes flash) {
        return act(id, () -> sources.pause(id), "sources.paused.done", flash);
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable String id, RedirectAttributes flash) {
        return act(id, () -> sources.resume(id), "sources.resumed.done", flash);
    }

    /** Does an operator's action and says so, or says why it was refused; back to the sources either way. */
    private String act(String id, Runnable action, String doneKey, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("message", texts.get(doneKey, id));
        } catch (ResponseStatusException e) {
            return refused(id, e, flash);
        }
        return "redirect:/console/sources";
    }

    @PostMapping("/{id}/schedule")
    String schedule(@PathVariable String id, @RequestParam String cron, RedirectAttributes flash)
            throws SchedulerException {
        try {
            SourceOperations.SourceView source = sources.schedule(id, cron);
            flash.addFlashAttribute("message", texts.get("sources.scheduled.done", id, source.cron()));
        } catch (ResponseStatusException e) {
            // the operator's cron stays in the field, so it can be corrected rather than typed again
            flash.addFlashAttribute("cronSource", id);
            flash.addFlashAttribute("cronTried", cron);
            return refused(id, e, flash);
        }
        return "redirect:/console/sources";
    }

    private String refused(String id, ResponseStatusException e, RedirectAttributes flash) {
        flash.addFlashAttribute("error", texts.get("sources.refused", id, texts.refusal(e), e.getStatusCode().value()));
        return "redirect:/console/sources";
    }
}
