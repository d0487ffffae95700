package cn.shandong.chsync.security;

/**
 * Lets the demo run on a server database: declared as a bean only by the tests that run the
 * in-process demo on a MariaDB database made for the test and dropped after it. The production
 * jar holds no such bean and no setting stands in for one, so no deployment can switch
 * {@link DemoConfinement} off by configuration.
 */
public interface ThrowawayDatabase {
}
