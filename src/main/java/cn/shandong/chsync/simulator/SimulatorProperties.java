package cn.shandong.chsync.simulator;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated world's size, seed and shape; the same settings always give the same records.
 * The shape's defaults give the demo's and the tests' world; bench/run sets them for its own.
 *
 * @param platforms           which platforms exist (empty: all of {@link Platforms#ALL})
 * @param secondSourcePercent of the valid completions, how many a second platform reports too
 * @param changePercent       when set, epoch 2 changes this share of epoch 1's records (re-sent
 *                            or corrected) and nothing else, instead of its usual mix
 * @param complianceCases     whether the people of {@link ComplianceCases} (the notices' special
 *                            rules) are added to the generated world; off for every other suite
 */
@ConfigurationProperties(prefix = "sync.simulators")
record SimulatorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20241231") long seed,
        @DefaultValue("400") int people,
        @DefaultValue List<String> platforms,
        @DefaultValue("0") int secondSourcePercent,
        Double changePercent,
        @DefaultValue("false") boolean complianceCases,
        @DefaultValue Map<String, String> appKeys,
        @DefaultValue("demo-province-secret") String provinceSecret,
        @DefaultValue("PT5M") java.time.Duration signatureSkew) {

    Population.Shape shape() {
        List<String> unknown = platforms.stream().filter(id -> Platforms.find(id) == null).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("sync.simulators.platforms names no simulated platform " + unknown
                    + "; there are " + Platforms.ALL.stream().map(PlatformSpec::id).toList());
        }
        return new Population.Shape(platforms.isEmpty() ? Platforms.ALL
                : Platforms.ALL.stream().filter(p -> platforms.contains(p.id())).toList(), secondSourcePercent, changePercent, complianceCases);
    }

    /** The key a platform expects in X-App-Key: configured, or demo-&lt;source id&gt;. */
    String appKey(String sourceId) {
        return appKeys.getOrDefault(sourceId, "demo-" + sourceId);
    }
}
