package cn.shandong.chsync.reconcile;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Yesterday's statement (对账), worked out after midnight (sync.tally.cron) on one instance of
 * many: a job in the clustered Quartz store. Registered as Spring beans, because Spring's
 * registration tolerates two instances starting at once and storing the same job (a camel-quartz
 * route did not: the second instance failed to start). Fires only where the scheduler runs
 * (sync.scheduler.enabled); a statement missed while every instance was down is worked out once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sync.pipeline", name = "enabled", havingValue = "true", matchIfMissing = true)
class DailyTallySchedule {

    @Bean
    JobDetail dailyTallyJob() {
        return JobBuilder.newJob(Job.class).withIdentity("daily-tally", "tally").storeDurably().build();
    }

    @Bean
    Trigger dailyTallyTrigger(JobDetail dailyTallyJob, @Value("${sync.tally.cron}") String cron) {
        return TriggerBuilder.newTrigger().forJob(dailyTallyJob).withIdentity("daily-tally", "tally")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
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
