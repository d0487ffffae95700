package cn.shandong.chsync;

import java.time.Clock;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few beans Spring Boot does not make by itself. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class Infrastructure {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * camel-quartz on Spring Boot's scheduler, so schedules live in the JDBC job store Flyway
     * created and instances sharing one database fire each of them once. Camel starts it.
     */
    @Bean("quartz")
    QuartzComponent quartz(Scheduler scheduler, @Value("${sync.scheduler.enabled:true}") boolean fire) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(scheduler);
        // Off: schedules are kept and editable, but this instance fires none of them.
        quartz.setAutoStartScheduler(fire);
        return quartz;
    }
}
