package cn.shandong.chsync.it;

import cn.shandong.chsync.security.ThrowawayDatabase;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Imported by the suites that run the whole demo (simulators in this process, demo users and
 * keys) on a MariaDB database each makes afresh and drops: what they test is the service on the
 * real server, with the in-process simulators they steer. Production has no such bean.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoOnThrowawayDatabase implements ThrowawayDatabase {
}
