package cn.shandong.chsync.it;

/** The hostile platforms against a service on MariaDB. */
class HostilePlatformsOnMariaDbIT extends HostilePlatformTests {

    @Override
    Jars jars() throws Exception {
        return new Jars("chsync_hostile_it", "hostile-mariadb");
    }
}
