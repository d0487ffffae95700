package cn.shandong.chsync.simulator;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The simulated world's size and seed; the same seed always gives the same records. */
@ConfigurationProperties(prefix = "sync.simulators")
record SimulatorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20241231") long seed,
        @DefaultValue("400") int people,
        @DefaultValue Map<String, String> appKeys,
        @DefaultValue("demo-province-secret") String provinceSecret,
        @DefaultValue("PT5M") java.time.Duration signatureSkew) {

    /** The key a platform expects in X-App-Key: configured, or demo-&lt;source id&gt;. */
    String appKey(String sourceId) {
        return appKeys.getOrDefault(sourceId, "demo-" + sourceId);
    }
}
