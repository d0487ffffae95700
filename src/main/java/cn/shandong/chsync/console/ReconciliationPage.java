package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import cn.shandong.chsync.pull.SourceOperations;
import cn.shandong.chsync.reconcile.ItemStatus;
import cn.shandong.chsync.reconcile.ReconciliationQueue;
import cn.shandong.chsync.reconcile.Retries;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Stage;
import io.swagger.v3.oas.annotations.Hidden;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
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
    static final List<String> STATUSES = Arrays.stream(ItemStatus.values()).map(Enum::name).toList();

    private final ReconciliationQueue items;
    private final SourceOperations sources;
    private final Texts texts;
    private final Labels labels;

    ReconciliationPage(ReconciliationQueue items, SourceOperations sources, Texts texts, Labels labels) {
        this.items = items;
        this.sources = sources;
        this.texts = texts;
        this.labels = labels;
    }

    /** GET for the filters and paging; POST (the filter form) so that an ID number typed in stays out of the address. */
    @org.springframework.web.bind.annotation.RequestMapping(method = {org.springframework.web.bind.annotation.RequestMethod.GET,
            org.springframework.web.bind.annotation.RequestMethod.POST})
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String stage,
                @RequestParam(required = false) String source, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String person,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(defaultValue = "0") int offset, Model model) {
        LocalDate since;
        LocalDate until;
        try {
            since = DayField.read(from);
            until = DayField.read(to);
        } catch (ResponseStatusException e) {
            // a day that is not one: the list unfiltered by days, what was typed left in its field to be corrected
            model.addAttribute("error", texts.refusal(e));
            since = null;
            until = null;
        }
        ReconciliationQueue.Page page = items.list(status, stage, source, reason, person, since, until, PAGE, offset);
        model.addAttribute("items", page.items());
        model.addAttribute("total", page.total());
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("filter", new Filter(status, stage, source, reason, person, strip(from), strip(to)));
        model.addAttribute("dayPattern", DayField.PATTERN);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("stages", Arrays.stream(Stage.values()).map(Enum::name).toList());
        model.addAttribute("reasons", Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
        model.addAttribute("sources", sources.list());
        return "console/reconciliation";
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    /** The filters as the list was asked for, to fill the form again and to page on with the same. */
    record Filter(String status, String stage, String source, String reason, String person, String from, String to) {

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
            Retries.Outcome outcome = items.retry(id, who.getName(), note);
            // the outcome's name; its technical message is the item's own page's (its history)
            flash.addFlashAttribute("message", texts.get("item.retried", labels.of(outcome.outcome())));
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(texts, e));
        }
        return "redirect:/console/reconciliation/" + id;
    }

    @PostMapping("/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(required = false) String note, Principal who,
                   RedirectAttributes flash) {
        return close(id, () -> items.resolve(id, who.getName(), note), texts.get("item.resolvedDone"), flash);
    }

    @PostMapping("/{id}/ignore")
    String ignore(@PathVariable long id, @RequestParam(required = false) String note, Principal who,
                  RedirectAttributes flash) {
        return close(id, () -> items.ignore(id, who.getName(), note), texts.get("item.ignoredDone"), flash);
    }

    private String close(long id, Runnable action, String done, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(texts, e));
        }
        return "redirect:/console/reconciliation/" + id;
    }

    /** The checked rows retried at once; back to the list as it was filtered, with what became of them. */
    @PostMapping("/retry")
    String retryMany(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String note,
                     @RequestParam(defaultValue = "") String back, Principal who, RedirectAttributes flash) {
        try {
            ReconciliationQueue.Retried retried = items.retryMany(ids, who.getName(), note);
            flash.addFlashAttribute("message", texts.get("item.retriedMany", labels.count(ids.size()), counts(retried.counts())));
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", refusal(texts, e));
        }
        // only a query string is taken from the form: the redirect stays on this page
        return "redirect:/console/reconciliation" + (back.startsWith("?") ? back : "");
    }

    /** How many items came to each outcome, by the outcomes' names: 已解决 2，重试中 1. */
    private String counts(Object counts) {
        StringBuilder text = new StringBuilder();
        if (counts instanceof Map<?, ?> map) {
            map.forEach((outcome, n) -> text.append(text.isEmpty() ? "" : texts.get("common.listSeparator"))
                    .append(labels.of(outcome)).append(' ').append(labels.count(n)));
        }
        return text.toString();
    }

    /** A refusal as a person reads it: its sentence in their language and the HTTP status. */
    static String refusal(Texts texts, ResponseStatusException e) {
        return texts.get("common.refused", texts.refusal(e), e.getStatusCode().value());
    }
}
