package cn.shandong.chsync.cluster;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job of the service's own on a cron, in the clustered Quartz store, so that one instance of
 * many fires it and a fire missed while every instance was down runs once. Stored once the
 * service is up, and stored again when that fails: two instances starting on a fresh database at
 * once both find the job missing and both store it, and the loser's insert fails ("Duplicate
 * entry … for key 'PRIMARY'"); neither Spring's job registration nor a camel-quartz route survives
 * that (the instance would not start), and seeding Quartz's lock rows did not prevent it.
 */
public final class ClusteredCron {

    private static final Logger log = LoggerFactory.getLogger(ClusteredCron.class);
    private static final int ATTEMPTS = 5;

    private ClusteredCron() {
    }

    /**
     * Stores {@code job} as {@code group}/{@code name} firing on {@code cron}; an unchanged trigger
     * is left alone, so that a fire missed while every instance was down still comes.
     * {@code what} names it in the log.
     */
    public static void store(Scheduler scheduler, Class<? extends Job> job, String group, String name, String cron,
                             String what) throws SchedulerException, InterruptedException {
        JobDetail detail = JobBuilder.newJob(job).withIdentity(name, group).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().forJob(detail).withIdentity(name, group)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                Trigger stored = scheduler.getTrigger(trigger.getKey());
                if (stored == null) {
                    scheduler.scheduleJob(detail, trigger);
                } else if (!(stored instanceof CronTrigger c && c.getCronExpression().equals(cron))) {
                    scheduler.rescheduleJob(trigger.getKey(), trigger);
                }
                return;
            } catch (SchedulerException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn("{}'s schedule was not stored ({}); trying again", what, e.getMessage());
                Thread.sleep(500L * attempt);
            }
        }
    }
}
