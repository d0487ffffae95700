package cn.shandong.chsync.simulator;

import cn.shandong.chsync.compliance.ComplianceRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The simulators' state in this process: the world, what its platform shows, the province, faults. */
final class Simulation {

    final Population world;
    final Platform platform;
    final Province province;
    final Faults faults = new Faults();
    private final AtomicInteger epoch = new AtomicInteger(1);
    private final ComplianceRules rules;
    private final Map<Integer, Map<String, Map<Integer, ComplianceTruth.Count>>> compliance = new ConcurrentHashMap<>();

    Simulation(Population world, ComplianceRules rules) {
        this.world = world;
        this.rules = rules;
        this.platform = new Platform(world);
        this.province = new Province(world);
        epoch(1);
    }

    int epoch() {
        return epoch.get();
    }

    /** Moves the platforms to an epoch, its views built at once, as a platform's data is there before it is asked for. */
    void epoch(int value) {
        world.platforms().forEach(p -> platform.visible(p.id(), value));
        epoch.set(value);
    }

    Expected expected() {
        return Expected.of(platform.visible(epoch()));
    }

    Expected expected(String sourceId) {
        return Expected.of(platform.visible(sourceId, epoch()));
    }

    /** Per city and year (2023 to the current one), the people the compliance report lists and how many met. */
    Map<String, Map<Integer, ComplianceTruth.Count>> compliance() {
        return compliance.computeIfAbsent(epoch(), e -> ComplianceTruth.of(platform.visible(e), rules, 2023, Population.CURRENT_YEAR));
    }

    void reset() {
        epoch.set(1);
        province.reset();
        faults.clear();
    }
}
