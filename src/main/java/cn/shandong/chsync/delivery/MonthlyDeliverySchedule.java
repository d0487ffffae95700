package cn.shandong.chsync.delivery;

import cn.shandong.chsync.cluster.ClusteredCron;
import cn.shandong.chsync.record.CreditRecord;
import java.time.Clock;
import java.time.LocalDate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * The monthly delivery (sync.delivery.cron) on one instance of many: a job in the clustered
 * Quartz store (ClusteredCron says how and why it is stored). A fire missed while every
 * instance was down runs once.
 */
@Component
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class MonthlyDeliverySchedule {


    private final Scheduler scheduler;
    private final String cron;

    MonthlyDeliverySchedule(Scheduler scheduler, DeliveryProperties properties) {
        this.scheduler = scheduler;
        this.cron = properties.cron();
    }

    @EventListener(ApplicationReadyEvent.class)
    void store() throws SchedulerException, InterruptedException {
        ClusteredCron.store(scheduler, Job.class, "delivery", "monthly-delivery", cron, "the monthly delivery");
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
