package cn.shandong.chsync.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The "sources" health component (part of readiness): each source's last run and alerts. It is
 * UP whatever the platforms do: a platform that fails is the alerts' business, and must not take
 * an instance that could serve the others out of service.
 */
@Component("sources")
class SourcesHealth implements HealthIndicator {

    private final SourceAlerts alerts;

    SourcesHealth(SourceAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        int flagged = 0;
        for (SourceAlerts.SourceState state : alerts.states()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("lastRun", state.lastStatus() == null ? "NONE" : state.lastStatus());
            source.put("lastSuccess", state.lastSuccess() == null ? null : state.lastSuccess().toString());
            source.put("paused", state.paused());
            source.put("alerts", state.alerts().stream().map(a -> a.kind().name()).toList());
            flagged += state.alerts().isEmpty() ? 0 : 1;
            details.put(state.sourceId(), source);
        }
        return Health.up().withDetail("flagged", flagged).withDetails(details).build();
    }
}
