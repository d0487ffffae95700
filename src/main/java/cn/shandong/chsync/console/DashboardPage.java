package cn.shandong.chsync.console;

import cn.shandong.chsync.monitor.SourceAlerts;
import cn.shandong.chsync.pull.RunHistory;
import cn.shandong.chsync.push.OutboxStatus;
import cn.shandong.chsync.record.CreditRecord;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in, for every role: the service's numbers at a glance, as charts. */
@Hidden
@Controller
class DashboardPage {

    static final int DAYS = 14;

    private final RunHistory runs;
    private final SourceAlerts alerts;
    private final Queues queues;

    DashboardPage(RunHistory runs, SourceAlerts alerts, Queues queues) {
        this.runs = runs;
        this.alerts = alerts;
        this.queues = queues;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String dashboard(Model model) {
        LocalDate today = LocalDate.now(CreditRecord.ZONE);
        model.addAttribute("daily", DailyChart.of(runs.daily(null, DAYS), today, DAYS));
        model.addAttribute("days", DAYS);
        Map<String, Long> outbox = queues.outboxByStatus();
        model.addAttribute("outbox", BarChart.of(outbox, Map.of(OutboxStatus.PENDING.name(), "#4e79a7",
                OutboxStatus.DONE.name(), "#59a14f", OutboxStatus.REJECTED.name(), "#e15759", OutboxStatus.FAILED.name(), "#b8321f",
                OutboxStatus.SUPERSEDED.name(), "#9d9d9d")));
        model.addAttribute("reasons", BarChart.of(queues.openItemsByReason(), Map.of()));
        List<SourceAlerts.SourceState> states = alerts.states();
        model.addAttribute("sourceCount", states.size());
        model.addAttribute("alerts", states.stream().flatMap(s -> s.alerts().stream()).toList());
        model.addAttribute("pending", outbox.getOrDefault(OutboxStatus.PENDING.name(), 0L));
        return "console/dashboard";
    }
}
