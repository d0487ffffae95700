package cn.shandong.chsync.it;

/** The hostile platforms against a service on an embedded H2 database (MySQL mode). */
class HostilePlatformsOnH2IT extends HostilePlatformTests {

    @Override
    Jars jars() {
        return Jars.onEmbeddedH2("hostile-h2");
    }
}
