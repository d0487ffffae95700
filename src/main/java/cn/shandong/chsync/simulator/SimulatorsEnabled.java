package cn.shandong.chsync.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Present only when this process serves the simulators (sync.simulators.enabled, default true). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(prefix = "sync.simulators", name = "enabled", havingValue = "true", matchIfMissing = true)
@interface SimulatorsEnabled {
}
