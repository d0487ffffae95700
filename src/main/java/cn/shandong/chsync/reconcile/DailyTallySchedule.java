package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.cluster.ClusteredCron;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
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
 * Stored by ClusteredCron, which says why it is stored after start-up and again on failure.
 */
@Component
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class DailyTallySchedule {


    private final Scheduler scheduler;
    private final String cron;

    DailyTallySchedule(Scheduler scheduler, @Value("${sync.tally.cron}") String cron) {
        this.scheduler = scheduler;
        this.cron = cron;
    }

    @EventListener(ApplicationReadyEvent.class)
    void store() throws SchedulerException, InterruptedException {
        ClusteredCron.store(scheduler, Job.class, "tally", "daily-tally", cron, "the daily statement");
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
