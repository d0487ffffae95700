package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappingDefinition;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Makes each mapping file a running source: its row in the source table, and a pull route and a
 * schedule route from the templates in routes/pull.camel.yaml. Adding a platform is adding a
 * mapping file; nothing here names one. Off in a process that only serves the simulators.
 */
@Component
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class SourceRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SourceRoutes.class);

    private final SourceCatalog catalog;
    private final SourceTable table;
    private final Clock clock;

    SourceRoutes(SourceCatalog catalog, SourceTable table, Clock clock) {
        this.catalog = catalog;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (MappingDefinition mapping : catalog.all()) {
            start(camelContext, mapping);
        }
    }

    /** A source's row, pull route and schedule: at start-up, and for a file a reload finds new. */
    void start(CamelContext camelContext, MappingDefinition mapping) {
        String cron = register(mapping);
        if (camelContext.getRoute("pull-" + mapping.id()) == null) {
            TemplatedRouteBuilder.builder(camelContext, "pull")
                    .routeId("pull-" + mapping.id())
                    .parameter("sourceId", mapping.id())
                    .add();
        }
        addSchedule(camelContext, mapping.id(), cron);
    }

    /** A changed file's name, city and vendor in the source row; an operator's schedule stays. */
    void refresh(MappingDefinition mapping) {
        register(mapping);
    }

    /**
     * The source's Quartz route. Two instances starting at once may both store its job in the
     * clustered store; camel-quartz then fails the one that lost the race ("Trigger could not be
     * found") before the winner's trigger is visible. The route is started again a few times.
     */
    private static void addSchedule(CamelContext camelContext, String sourceId, String cron) {
        String routeId = "schedule-" + sourceId;
        for (int attempt = 1; ; attempt++) {
            try {
                if (camelContext.getRoute(routeId) == null) {
                    TemplatedRouteBuilder.builder(camelContext, "schedule")
                            .routeId(routeId)
                            .parameter("sourceId", sourceId)
                            .parameter("cron", cron)
                            .add();
                } else {
                    camelContext.getRouteController().startRoute(routeId);
                }
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw new IllegalStateException("the schedule of " + sourceId + " could not be started", e);
                }
                log.warn("the schedule of {} did not start ({}); trying again", sourceId, e.getMessage());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    /** The source's row, inserted or refreshed; answers the cron it runs on (see SourceTable.register). */
    private String register(MappingDefinition m) {
        return table.register(m, Timestamp.from(Instant.now(clock)));
    }
}
