package cn.shandong.chsync.delivery;

import cn.shandong.chsync.record.CreditRecord;
import java.time.Clock;
import java.time.LocalDate;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * The monthly delivery (sync.delivery.cron) on one instance of many: a job in the clustered
 * Quartz store, stored as the daily statement's is (DailyTallySchedule says why it is stored
 * after start-up and again on failure). A fire missed while every instance was down runs once.
 */
@Component
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class MonthlyDeliverySchedule {

    private static final Logger log = LoggerFactory.getLogger(MonthlyDeliverySchedule.class);
    private static final int ATTEMPTS = 5;

    private final Scheduler scheduler;
    private final String cron;

    MonthlyDeliverySchedule(Scheduler scheduler, DeliveryProperties properties) {
        this.scheduler = scheduler;
        this.cron = properties.cron();
    }

    @EventListener(ApplicationReadyEvent.class)
    void store() throws SchedulerException, InterruptedException {
        JobDetail job = JobBuilder.newJob(Job.class).withIdentity("monthly-delivery", "delivery").storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().forJob(job).withIdentity("monthly-delivery", "delivery")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                Trigger stored = scheduler.getTrigger(trigger.getKey());
                if (stored == null) {
                    scheduler.scheduleJob(job, trigger);
                } else if (!(stored instanceof CronTrigger c && c.getCronExpression().equals(cron))) {
                    scheduler.rescheduleJob(trigger.getKey(), trigger);
                }
                return;
            } catch (SchedulerException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn("the monthly delivery's schedule was not stored ({}); trying again", e.getMessage());
                Thread.sleep(500L * attempt);
            }
        }
    }

    /** The job Quartz runs; Spring's job factory injects the delivery. */
    @DisallowConcurrentExecution
    static class Job extends QuartzJobBean {

        @Autowired
        private ReportDelivery delivery;
        @Autowired
        private Clock clock;

        @Override
        protected void executeInternal(JobExecutionContext context) {
            delivery.monthly(LocalDate.now(clock.withZone(CreditRecord.ZONE)));
        }
    }
}
