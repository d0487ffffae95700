package cn.shandong.chsync.simulator;

import cn.shandong.chsync.compliance.ComplianceRules;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The built-in simulators of the platforms and of the provincial platform, under /sim. On unless
 * sync.simulators.enabled is false (production), in which case none of their beans exist.
 */
@Configuration(proxyBeanMethods = false)
@SimulatorsEnabled
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean
    Simulation simulation(SimulatorProperties properties, Clock clock, ResourceLoader resources,
                          @Value("${sync.compliance.rules:classpath:compliance-rules.yaml}") String rulesLocation) throws IOException {
        long started = System.nanoTime();
        ComplianceRules rules;
        try (InputStream in = resources.getResource(rulesLocation).getInputStream()) {
            // the service's rules, so /sim/expected judges the people as the compliance report will
            rules = ComplianceRules.load(in, rulesLocation);
        }
        LocalDate today = LocalDate.now(clock.withZone(Population.SHANGHAI));
        Simulation simulation = new Simulation(new Population(properties.seed(), properties.people(), properties.shape(), today), rules);
        log.info("simulators ready: {} record versions from seed {} in {} ms", simulation.world.versions().size(),
                properties.seed(), (System.nanoTime() - started) / 1_000_000);
        return simulation;
    }
}
