package cn.shandong.chsync.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    Simulation simulation(SimulatorProperties properties) {
        long started = System.nanoTime();
        Simulation simulation = new Simulation(new World(properties.seed(), properties.people(), properties.shape()));
        log.info("simulators ready: {} record versions from seed {} in {} ms", simulation.world.versions().size(),
                properties.seed(), (System.nanoTime() - started) / 1_000_000);
        return simulation;
    }
}
