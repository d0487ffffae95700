package cn.shandong.chsync.reconcile;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * Yesterday's statement (对账), worked out after midnight (sync.tally.cron) on one instance of
 * many: a job in the clustered Quartz store. Fires only where the scheduler runs
 * (sync.scheduler.enabled); a statement missed while every instance was down is worked out once.
 * <p>
 * Stored once the service is up, and stored again when that fails: two instances starting on a
 * fresh database at once both find the job missing and both store it, and the loser's insert
 * fails ("Duplicate entry … for key 'PRIMARY'"); neither Spring's job registration nor a
 * camel-quartz route survives that (the instance would not start), and seeding Quartz's lock rows
 * did not prevent it.
 */
@Component
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class DailyTallySchedule {

    private static final Logger log = LoggerFactory.getLogger(DailyTallySchedule.class);
    private static final int ATTEMPTS = 5;

    private final Scheduler scheduler;
    private final String cron;

    DailyTallySchedule(Scheduler scheduler, @Value("${sync.tally.cron}") String cron) {
        this.scheduler = scheduler;
        this.cron = cron;
    }

    @EventListener(ApplicationReadyEvent.class)
    void store() throws SchedulerException, InterruptedException {
        JobDetail job = JobBuilder.newJob(Job.class).withIdentity("daily-tally", "tally").storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().forJob(job).withIdentity("daily-tally", "tally")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                Trigger stored = scheduler.getTrigger(trigger.getKey());
                if (stored == null) {
                    scheduler.scheduleJob(job, trigger);
                } else if (!(stored instanceof CronTrigger c && c.getCronExpression().equals(cron))) {
                    // an unchanged one is left alone, so that a fire missed while every instance was down still comes
                    scheduler.rescheduleJob(trigger.getKey(), trigger);
                }
                return;
            } catch (SchedulerException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn("the daily statement's schedule was not stored ({}); trying again", e.getMessage());
                Thread.sleep(500L * attempt);
            }
        }
    }

    /** The job Quartz runs; Spring's job factory injects the statement. */
    @DisallowConcurrentExecution
    static class Job extends QuartzJobBean {

        @Autowired
        private DailyTally tally;

        @Override
        protected void executeInternal(JobExecutionContext context) {
            tally.yesterday();
        }
    }
}
