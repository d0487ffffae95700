package cn.shandong.chsync.it;

import org.springframework.test.context.TestPropertySource;

/** The end-to-end suite on the embedded default: H2 in MySQL mode. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:chsync-it;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")
class SyncOnH2IT extends SyncEndToEndTests {
}
