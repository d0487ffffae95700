package cn.shandong.chsync.push;

import org.springframework.test.context.TestPropertySource;

/** The lease race on the embedded default: H2 in MySQL mode. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:chsync-lease;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")
class LeaseRaceOnH2IT extends LeaseRaceTests {
}
