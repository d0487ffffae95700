package cn.shandong.chsync.security;

import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo runs on the embedded H2 database and nowhere else. The one setting
 * {@code sync.simulators.enabled} (default true, so that {@code mvn spring-boot:run} is the demo)
 * turns on the simulators, the demo users with their well-known passwords, the demo's public
 * ID-number keys and an open {@code /sim/**}: a deployment that sets a real database and forgets
 * the flag would run all of that on real data. So with any other database the service stops
 * before the first connection (a bean factory post-processor runs before the data source, Flyway
 * and the users exist) and names the setting to change.
 */
@Component
class DemoConfinement implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
        boolean demo = environment.getProperty("sync.simulators.enabled", Boolean.class, true);
        String url = environment.getProperty("spring.datasource.url");
        if (demo && !embedded(url) && beans.getBeanNamesForType(ThrowawayDatabase.class, true, false).length == 0) {
            throw new IllegalStateException(refusal(url));
        }
    }

    /** The start-up message: what is on, what the database is (its kind only: a URL may hold a password), what to set. */
    static String refusal(String url) {
        return "the demo (sync.simulators.enabled, default true: simulators, demo users, the demo's public ID-number keys, "
                + "open /sim/**) runs on the embedded H2 database only, and spring.datasource.url is a " + kind(url)
                + " database: set SYNC_SIMULATORS_ENABLED=false (sync.simulators.enabled=false) with users and keys of "
                + "your own, or leave SPRING_DATASOURCE_URL unset for the demo";
    }

    /**
     * An H2 database this process opens itself (a file or memory); not one it reaches over the
     * network (tcp:, ssl:), which other processes share. No URL is Boot's embedded default.
     */
    static boolean embedded(String url) {
        if (url == null || url.isBlank()) {
            return true;
        }
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:");
    }

    private static String kind(String url) {
        String u = url.strip();
        int colon = u.indexOf(':', u.indexOf(':') + 1);
        String kind = colon > 0 ? u.substring(0, colon) : "non-H2";
        // a scheme is letters and digits; anything else is not echoed back
        return kind.matches("[A-Za-z0-9:]{1,20}") ? kind : "non-H2";
    }
}
