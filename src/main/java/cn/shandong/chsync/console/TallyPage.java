package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import cn.shandong.chsync.reconcile.DailyStatements;
import cn.shandong.chsync.record.CreditRecord;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The daily statement (对账) of one day per source, as GET /api/tally gives it, and working it out again. */
@Hidden
@Controller
@RequestMapping("/console/tally")
class TallyPage {

    private final DailyStatements tally;
    private final Texts texts;

    TallyPage(DailyStatements tally, Texts texts) {
        this.tally = tally;
        this.texts = texts;
    }

    /** The day typed as yyyy-MM-dd (DayField), yesterday by default; a day that is not one is refused on the page. */
    @GetMapping
    String day(@RequestParam(required = false) String date, Model model) {
        model.addAttribute("dayPattern", DayField.PATTERN);
        LocalDate day;
        try {
            day = DayField.read(date);
        } catch (ResponseStatusException e) {
            model.addAttribute("date", date.strip());
            model.addAttribute("error", ReconciliationPage.refusal(texts, e));
            return "console/tally";
        }
        day = day == null ? LocalDate.now(CreditRecord.ZONE).minusDays(1) : day;
        model.addAttribute("date", day);
        try {
            model.addAttribute("rows", tally.stored(day));
        } catch (ResponseStatusException e) {
            model.addAttribute("error", ReconciliationPage.refusal(texts, e));
        }
        return "console/tally";
    }

    @PostMapping("/run")
    String run(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, RedirectAttributes flash) {
        try {
            tally.work(date);
            flash.addFlashAttribute("message", texts.get("tally.rerun.done", date.toString()));
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", ReconciliationPage.refusal(texts, e));
        }
        return "redirect:/console/tally?date=" + date;
    }
}
