package cn.shandong.chsync.api;

import cn.shandong.chsync.monitor.SourceAlerts;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sources flagged as stale or with low volume, and every source's state behind the flags. */
@RestController
class AlertsController {

    private final SourceAlerts alerts;

    AlertsController(SourceAlerts alerts) {
        this.alerts = alerts;
    }

    record Alerts(List<SourceAlerts.Alert> alerts, List<SourceAlerts.SourceState> sources) {
    }

    @GetMapping("/api/alerts")
    Alerts alerts() {
        List<SourceAlerts.SourceState> states = alerts.states();
        return new Alerts(states.stream().flatMap(s -> s.alerts().stream()).toList(), states);
    }
}
