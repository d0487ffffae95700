package cn.shandong.chsync.it;

import org.springframework.test.context.TestPropertySource;

/** The operations suite on the embedded default: H2 in MySQL mode. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:chsync-ops;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")
class OperationsOnH2IT extends OperationsTests {
}
