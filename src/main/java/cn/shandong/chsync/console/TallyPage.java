package cn.shandong.chsync.console;

import io.swagger.v3.oas.annotations.Hidden;
import cn.shandong.chsync.ops.TallyController;
import cn.shandong.chsync.record.CreditRecord;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/** The daily statement (对账) of one day per source, as GET /api/tally gives it, and working it out again. */
@Hidden
@Controller
@RequestMapping("/console/tally")
class TallyPage {

    private final TallyController tally;

    TallyPage(TallyController tally) {
        this.tally = tally;
    }

    @GetMapping
    String day(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
               Model model) {
        LocalDate day = date == null ? LocalDate.now(CreditRecord.ZONE).minusDays(1) : date;
        model.addAttribute("date", day);
        try {
            model.addAttribute("rows", tally.get(day, "json").getBody());
        } catch (ResponseStatusException e) {
            model.addAttribute("error", ReconciliationPage.refusal(e));
        }
        return "console/tally";
    }

    @PostMapping("/run")
    String run(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, RedirectAttributes flash) {
        try {
            tally.run(date, "json");
            flash.addFlashAttribute("message", date + " 的对账已重新计算。");
        } catch (ResponseStatusException e) {
            flash.addFlashAttribute("error", ReconciliationPage.refusal(e));
        }
        return "redirect:/console/tally?date=" + date;
    }
}
