package cn.shandong.chsync.pull;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * An operator's control of when a source syncs: its cron, kept in the source table and in the
 * clustered Quartz store (so every instance follows it at once), and pause / resume.
 */
@Component
public class SourceSchedules {

    private final SourceTable table;
    private final CamelContext camel;
    private final Scheduler scheduler;
    private final Clock clock;

    SourceSchedules(SourceTable table, CamelContext camel, Scheduler scheduler, Clock clock) {
        this.table = table;
        this.camel = camel;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Checks a Quartz cron expression; the message says what is wrong with it. */
    public static void validate(String cron) {
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a Quartz cron expression: " + e.getMessage());
        }
    }

    public void reschedule(String sourceId, String cron) throws SchedulerException {
        validate(cron);
        table.setCron(sourceId, cron, now());
        Route route = camel.getRoute("schedule-" + sourceId);
        TriggerKey key = ((QuartzEndpoint) route.getEndpoint()).getTriggerKey();
        Trigger current = scheduler.getTrigger(key);
        Trigger next = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(current.getJobKey())
                .usingJobData(current.getJobDataMap())
                // A sync missed while the service was down runs once, not once per missed fire.
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
                .build();
        scheduler.rescheduleJob(key, next);
    }

    /** Paused: scheduled fires and triggers are refused until resumed; a run under way finishes. */
    public void pause(String sourceId, boolean paused) {
        table.setPaused(sourceId, paused, now());
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
