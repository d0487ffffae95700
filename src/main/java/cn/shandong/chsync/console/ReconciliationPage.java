package cn.shandong.chsync.console;

import io.swagger.v3.oas.annotations.Hidden;
import cn.shandong.chsync.ops.ReconciliationController;
import cn.shandong.chsync.ops.SourcesController;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.source.Retries;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Support's workbench: the reconciliation queue with the API's filters, one item with its raw
 * record and history, and retry / resolve / ignore with a note, one item or the checked rows.
 * Who acted is the signed-in user, as the API records it.
 */
@Hidden
@Controller
@RequestMapping("/console/reconciliation")
class ReconciliationPage {

    static final int PAGE = 50;
    static final List<String> STATUSES = List.of("OPEN", "RETRYING", "RESOLVED", "IGNORED");

    private final ReconciliationController items;
    private final SourcesController sources;

    ReconciliationPage(ReconciliationController items, SourcesController sources) {
        this.items = items;
        this.sources = sources;
    }

    /** GET for the filters and paging; POST (the filter form) so that an ID number typed in stays out of the address. */
    @org.springframework.web.bind.annotation.RequestMapping(method = {org.springframework.web.bind.annotation.RequestMethod.GET,
            org.springframework.web.bind.annotation.RequestMethod.POST})
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String stage,
                @RequestParam(required = false) String source, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String person,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(defaultValue = "0") int offset, Model model) {
        Map<String, Object> page = items.list(status, stage, source, reason, person, from, to, PAGE, offset);
        model.addAttribute("items", page.get("items"));
        model.addAttribute("total", page.get("total"));
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("filter", new Filter(status, stage, source, reason, person, from, to));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("stages", Arrays.stream(Stage.values()).map(Enum::name).toList());
        model.addAttribute("reasons", Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
        model.addAttribute("sources", sources.list());
        return "console/reconciliation";
    }

    /** The filters as the list was asked for, to fill the form again and to page on with the same. */
    record Filter(String status, String stage, String source, String reason, String person, LocalDate from, LocalDate to) {

        public String query(int offset) {
            UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
            add(uri, "status", status);
            add(uri, "stage", stage);
            add(uri, "source", source);
            add(uri, "reason", reason);
            // never the person: an ID number in an address ends in proxies' logs and browsers' history
            add(uri, "from", from);
            add(uri, "to", to);
            if (offset > 0) {
                uri.queryParam("offset", offset);
            }
            return uri.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder uri, String name, Object value) {
            if (value != null && !value.toString().isBlank()) {
                uri.queryParam(name, value);
            }
        }
    }

    @GetMapping("/{id}")
    String one(@PathVariable long id, Model model) {
        model.addAttribute("item", items.one(id));
        return "console/item";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, @RequestParam(required = false) String note, Principal who,
                 RedirectAttributes flash) {
        try {
            Retries.Outcome outcome = items.retry(id, new ReconciliationController.Note(note), who);
            flash.addFlashAttribute("message", "已重试：" + outcome.outcome()
                    + (outcome.message() == null ? "" : "（" + outcome.message() + "）"));
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(e));
        }
        return "redirect:/console/reconciliation/" + id;
    }

    @PostMapping("/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(required = false) String note, Principal who,
                   RedirectAttributes flash) {
        return close(id, () -> items.resolve(id, new ReconciliationController.Note(note), who), "已标记为已解决。", flash);
    }

    @PostMapping("/{id}/ignore")
    String ignore(@PathVariable long id, @RequestParam(required = false) String note, Principal who,
                  RedirectAttributes flash) {
        return close(id, () -> items.ignore(id, new ReconciliationController.Note(note), who), "已忽略。", flash);
    }

    private String close(long id, Runnable action, String done, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(e));
        }
        return "redirect:/console/reconciliation/" + id;
    }

    /** The checked rows retried at once; back to the list as it was filtered, with what became of them. */
    @PostMapping("/retry")
    String retryMany(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String note,
                     @RequestParam(defaultValue = "") String back, Principal who, RedirectAttributes flash) {
        try {
            Map<String, Object> answer = items.retryMany(new ReconciliationController.RetryRequest(ids, note), who);
            flash.addFlashAttribute("message", "已重试 " + ids.size() + " 项：" + answer.get("counts"));
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(e));
        }
        // only a query string is taken from the form: the redirect stays on this page
        return "redirect:/console/reconciliation" + (back.startsWith("?") ? back : "");
    }

    static String refusal(ResponseStatusException e) {
        return e.getReason() + "（HTTP " + e.getStatusCode().value() + "）";
    }
}
