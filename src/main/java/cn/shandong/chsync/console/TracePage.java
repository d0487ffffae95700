package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import cn.shandong.chsync.reconcile.PersonTrace;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Where are my hours?" for support staff: one person's completions, platforms, the province's
 * answers and reconciliation items. The ID number is posted, not put in the address, so it stays
 * out of browser history and access logs.
 */
@Hidden
@Controller
@RequestMapping("/console/trace")
class TracePage {

    private final PersonTrace traces;
    private final Texts texts;

    TracePage(PersonTrace traces, Texts texts) {
        this.traces = traces;
        this.texts = texts;
    }

    @GetMapping
    String form() {
        return "console/trace";
    }

    @PostMapping
    String trace(@RequestParam(defaultValue = "") String idNumber, Model model) {
        try {
            model.addAttribute("trace", traces.of(idNumber));
        } catch (ResponseStatusException e) {
            model.addAttribute("error", ReconciliationPage.refusal(texts, e));
        }
        return "console/trace";
    }
}
