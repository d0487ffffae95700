package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may do what, endpoint by endpoint: each role gets its own work and a 403 for the rest, a
 * caller who has not signed in a 401 (or, posting without a CSRF token, a 403; asking for a
 * console page, the way to the sign-in page), and a bureau reads its own city's people only. The demo users: admin, operator, support, bureau (Binzhou).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.sync-on-start=false",
        "sync.scheduler.enabled=false",
        // long enough that the attempt after the third refusal finds it running on a busy machine
        "sync.security.sign-in.backoff-base=PT30S",
})
class AccessRulesIT {

    /** Status per caller: not signed in, OPERATOR, SUPPORT, BUREAU, ADMIN; LOG: sent to the sign-in page. */
    private static final String RULES = """
            GET    /api/sources                                             401 200 200 403 200
            POST   /api/sources/nosuch/sync                                 403 404 403 403 404
            POST   /api/sources/sdbz/pause                                  403 200 403 403 200
            POST   /api/sources/sdbz/resume                                 403 200 403 403 200
            PUT    /api/sources/sdbz/schedule {"cron":"every day"}          403 400 403 403 400
            POST   /api/mappings/preview {"mapping":"id:x","page":"{}"}     403 400 403 403 400
            POST   /api/mappings/reload                                     403 200 403 403 200
            GET    /api/runs                                                401 200 200 403 200
            GET    /api/runs/daily                                          401 200 200 403 200
            GET    /api/runs/999999                                         401 404 404 403 404
            GET    /api/alerts                                              401 200 200 403 200
            GET    /api/reconciliation                                      401 403 200 403 200
            GET    /api/reconciliation/999999                               401 403 404 403 404
            POST   /api/reconciliation/999999/retry {"note":"x"}            403 403 404 403 404
            POST   /api/reconciliation/retry {"ids":[999999]}               403 403 200 403 200
            POST   /api/reconciliation/999999/resolve {"note":"x"}          403 403 404 403 404
            POST   /api/reconciliation/999999/ignore {"note":"x"}           403 403 404 403 404
            GET    /api/people/110101199001011237/trace                     401 403 404 404 404
            GET    /api/people/110101199001011237/years/2024                401 403 404 404 404
            GET    /api/people/110101199001011237/years                     401 403 404 404 404
            PUT    /api/people/110101199001011237/city {"city":"371600"}    403 403 403 404 404
            POST   /api/people/trace {"idNumber":"110101199001011237"}      403 403 404 404 404
            POST   /api/people/year {"idNumber":"110101199001011237","year":2024} 403 403 404 404 404
            POST   /api/people/years {"idNumber":"110101199001011237"}      403 403 404 404 404
            GET    /api/tally?date=2026-11-01                               401 403 200 200 200
            POST   /api/tally/run?date=2026-11-01                           403 403 200 403 200
            POST   /console/tally/run?date=2026-11-01                       403 403 302 403 302
            GET    /api/reports/compliance?city=371600&year=2024&format=csv 401 403 403 200 200
            GET    /api/subscriptions                                       401 403 403 200 200
            POST   /api/subscriptions {"report":"COMPLIANCE","channel":"LINK"} 403 403 403 400 400
            DELETE /api/subscriptions/999999                                403 403 403 404 404
            POST   /api/subscriptions/999999/send                           403 403 403 404 404
            GET    /api/deliveries/download?s=1&m=2026-11&e=0&sig=forged    403 403 403 403 403
            GET    /api/audit                                               401 403 403 403 200
            GET    /api/tokens                                              401 200 200 200 200
            GET    /api/tokens/all                                          401 403 403 403 200
            DELETE /api/tokens/999999                                       403 404 404 404 404
            GET    /v3/api-docs                                             401 200 200 200 200
            GET    /actuator/prometheus                                     401 200 403 403 200
            GET    /actuator/health                                         200 200 200 200 200
            GET    /actuator/health/readiness                               200 200 200 200 200
            GET    /api/no-such-endpoint                                    401 403 403 403 403
            GET    /login                                                   200 200 200 200 200
            GET    /console                                                 LOG 200 200 200 200
            GET    /console/sources                                         LOG 200 403 403 200
            GET    /console/runs                                            LOG 200 403 403 200
            GET    /console/mappings                                        LOG 200 403 403 200
            GET    /console/reconciliation                                  LOG 403 200 403 200
            GET    /console/trace                                           LOG 403 200 403 200
            GET    /console/compliance                                      LOG 403 403 200 200
            GET    /console/tally                                           LOG 403 200 200 200
            """;
    private static final String[] CALLERS = {null, "operator", "support", "bureau", "admin"};
    private static final int SIGN_IN_PAGE = -1;

    private static final String BINZHOU = "371600";
    private static final String WEIHAI = "371000";
    private static final String BINZHOU_PERSON = "371602198001010048";
    private static final String WEIHAI_PERSON = "371002199002020047";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdProtection ids;

    record Rule(HttpMethod method, String path, String body, String caller, int status) {
        @Override
        public String toString() {
            return method + " " + path + " as " + (caller == null ? "nobody" : caller) + " → "
                    + (status == SIGN_IN_PAGE ? "the sign-in page" : status);
        }
    }

    static Stream<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (String line : RULES.strip().split("\n")) {
            String[] words = line.strip().split("\\s+");
            String body = words.length > 7 ? String.join(" ", Arrays.copyOfRange(words, 2, words.length - 5)) : null;
            for (int i = 0; i < CALLERS.length; i++) {
                String status = words[words.length - 5 + i];
                rules.add(new Rule(HttpMethod.valueOf(words[0]), words[1], body, CALLERS[i],
                        status.equals("LOG") ? SIGN_IN_PAGE : Integer.parseInt(status)));
            }
        }
        return rules.stream();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    SignInGuard signIn;
    @Autowired
    ApiTokens tokens;

    @BeforeEach
    void noPausedSource() {
        jdbc.update("UPDATE source SET paused = FALSE");
        signIn.forgetAll();
    }

    @Test
    void theTraceMasksEveryIdNumberInAPushError() {
        // given a completion whose push failed with an error quoting ID numbers, spaced and full-width
        jdbc.update("DELETE FROM credit_record WHERE source_record_id LIKE 'access-%'");
        record(BINZHOU_PERSON, "sdbz", BINZHOU, "access-3");
        String key = ids.hash("access-3" + BINZHOU_PERSON);
        jdbc.update("DELETE FROM push_outbox WHERE completion_key = ?", key);
        jdbc.update("""
                INSERT INTO push_outbox (completion_key, revision, status, attempts, next_attempt_at, last_error, created_at)
                VALUES (?, 1, 'FAILED', 10, ?, ?, ?)
                """, key, Timestamp.from(Instant.now()), "province: 3716 0219 8001 0100 48 / ３７１６０２１９８００１０１００４８ refused",
                Timestamp.from(Instant.now()));

        // when support traces the person
        String trace = send("support", HttpMethod.POST, "/api/people/trace", "{\"idNumber\":\"" + BINZHOU_PERSON + "\"}").getBody();

        // then the error says what happened without the numbers
        assertThat(trace).contains("\"lastError\":\"province: 371602********0048 / 371602********0048 refused\"")
                .doesNotContain("0219 8001", "３７１６");
    }

    @Test
    void readingADaysStatementWorksNothingOut() {
        // given a past day no one has worked out
        jdbc.update("DELETE FROM daily_tally WHERE tally_date = ?", LocalDate.of(2026, 10, 3));

        // when support and a bureau read it
        ResponseEntity<String> support = send("support", HttpMethod.GET, "/api/tally?date=2026-10-03", null);
        ResponseEntity<String> bureau = send("bureau", HttpMethod.GET, "/api/tally?date=2026-10-03", null);

        // then it has no rows, and none were written
        assertThat(support.getBody()).isEqualTo("[]");
        assertThat(bureau.getBody()).isEqualTo("[]");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM daily_tally WHERE tally_date = ?", Integer.class,
                LocalDate.of(2026, 10, 3))).isZero();
    }

    @Test
    void healthDetailsAreForSignedInUsersAlone() {
        ResponseEntity<String> anonymous = send(null, HttpMethod.GET, "/actuator/health", null);
        ResponseEntity<String> readiness = send(null, HttpMethod.GET, "/actuator/health/readiness", null);
        ResponseEntity<String> bureau = send("bureau", HttpMethod.GET, "/actuator/health", null);

        assertThat(anonymous.getBody()).isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
        assertThat(readiness.getBody()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(bureau.getBody()).contains("\"components\"", "\"sources\"");
    }

    @Test
    void refusedSignInsHoldTheNameBackThenLockItAndAuditBounded() throws Exception {
        jdbc.update("DELETE FROM audit_event WHERE action = 'SIGN_IN_REFUSED'");
        // given three wrong passwords for the bureau user (three are free)
        for (int i = 0; i < 3; i++) {
            assertThat(http.withBasicAuth("bureau", "wrong" + i).getForEntity("/api/tally", String.class).getStatusCode().value())
                    .isEqualTo(401);
        }
        // then even the right password waits, told how long, and is not checked nor audited
        // (sent by a client that does not wait out a Retry-After and try again by itself, as TestRestTemplate's does)
        java.net.http.HttpResponse<String> held = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/tally"))
                        .header(HttpHeaders.AUTHORIZATION, "Basic " + java.util.Base64.getEncoder().encodeToString("bureau:bureau".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(held.headers().firstValue(HttpHeaders.RETRY_AFTER).orElseThrow())).isBetween(1, 30);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'SIGN_IN_REFUSED'", Integer.class))
                .isEqualTo(3);
        // while another user signs in as usual
        assertThat(send("support", HttpMethod.GET, "/api/tally", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aTokenCannotIssueOneThatOutlivesIt() {
        // given a 7-day token of the operator's
        ResponseEntity<String> issued = send("operator", HttpMethod.POST, "/api/tokens", "{\"label\":\"parent\",\"days\":7}");
        String token = issued.getBody().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String expires = issued.getBody().replaceAll(".*\"expiresAt\":\"([^\"]+)\".*", "$1");

        // when it asks for a 300-day token, and for one of the default lifetime (30 days)
        ResponseEntity<String> child = bearer(token, HttpMethod.POST, "/api/tokens", "{\"label\":\"child\",\"days\":300}");
        ResponseEntity<String> other = bearer(token, HttpMethod.POST, "/api/tokens", "{\"label\":\"child\"}");

        // then each ends when it does
        assertThat(child.getStatusCode().value()).isEqualTo(201);
        assertThat(Instant.parse(child.getBody().replaceAll(".*\"expiresAt\":\"([^\"]+)\".*", "$1"))).isEqualTo(Instant.parse(expires));
        assertThat(Instant.parse(other.getBody().replaceAll(".*\"expiresAt\":\"([^\"]+)\".*", "$1"))).isEqualTo(Instant.parse(expires));
    }

    @Test
    void anAdministratorListsAndRevokesAnyonesTokensAndNoOneElseDoes() {
        ResponseEntity<String> issued = send("support", HttpMethod.POST, "/api/tokens", "{\"label\":\"support's\",\"days\":7}");
        String token = issued.getBody().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        long id = Long.parseLong(issued.getBody().replaceAll(".*\"id\":(\\d+).*", "$1"));

        // another user cannot revoke it
        assertThat(send("operator", HttpMethod.DELETE, "/api/tokens/" + id, null).getStatusCode().value()).isEqualTo(404);
        assertThat(bearer(token, HttpMethod.GET, "/api/reconciliation").getStatusCode().value()).isEqualTo(200);
        // an administrator sees it among everyone's, with its user, and revokes it
        assertThat(send("admin", HttpMethod.GET, "/api/tokens/all", null).getBody())
                .contains("\"id\":" + id + ",\"username\":\"support\",\"label\":\"support's\"");
        assertThat(send("admin", HttpMethod.DELETE, "/api/tokens/" + id, null).getStatusCode().value()).isEqualTo(204);
        assertThat(bearer(token, HttpMethod.GET, "/api/reconciliation").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aUserTakenOutOfTheConfigurationLosesTheirTokens() {
        // given a token of a user who is no longer configured (issued while they were)
        ApiTokens.Issued gone = tokens.issue("left-the-bureau", "nightly import", java.time.Duration.ofDays(30), null);
        ApiTokens.Issued kept = tokens.issue("support", "kept", java.time.Duration.ofDays(30), null);

        // then it is refused at once, and revoked for good when the service starts
        assertThat(bearer(gone.token(), HttpMethod.GET, "/api/tally").getStatusCode().value()).isEqualTo(401);
        tokens.revokeRemovedUsers();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE id = ? AND revoked_at IS NOT NULL", Integer.class,
                gone.id())).isEqualTo(1);
        // while a configured user's token stays in force
        assertThat(bearer(kept.token(), HttpMethod.GET, "/api/tally").getStatusCode().value()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRoleGetsItsOwnWorkAndA403ForTheRest(Rule rule) {
        ResponseEntity<String> answer = send(rule.caller(), rule.method(), rule.path(), rule.body());

        if (rule.status() == SIGN_IN_PAGE) {
            // the redirect is followed: what comes back is the sign-in form, not the page asked for
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).as("%s", rule).contains("name=\"password\"");
            return;
        }
        assertThat(answer.getStatusCode().value()).as("%s: %s", rule, answer.getBody()).isEqualTo(rule.status());
    }

    @Test
    void aBureauReadsItsOwnCitysPeopleAndNoOneElses() {
        // given a person whose hours Binzhou's platforms reported, and one of Weihai's
        jdbc.update("DELETE FROM credit_record WHERE source_record_id LIKE 'access-%'");
        record(BINZHOU_PERSON, "sdbz", BINZHOU, "access-1");
        record(WEIHAI_PERSON, "sdwh", WEIHAI, "access-2");

        // then Binzhou's bureau reads its own person, year and trace
        assertThat(send("bureau", HttpMethod.GET, "/api/people/" + BINZHOU_PERSON + "/years/2024", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(send("bureau", HttpMethod.GET, "/api/people/" + BINZHOU_PERSON + "/trace", null).getStatusCode().value())
                .isEqualTo(200);
        // the same by POST, the ID number in the body, not the address
        assertThat(send("bureau", HttpMethod.POST, "/api/people/trace", "{\"idNumber\":\"" + BINZHOU_PERSON + "\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(send("bureau", HttpMethod.POST, "/api/people/year", "{\"idNumber\":\"" + BINZHOU_PERSON + "\",\"year\":2024}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(send("bureau", HttpMethod.POST, "/api/people/trace", "{\"idNumber\":\"" + WEIHAI_PERSON + "\"}")
                .getStatusCode().value()).isEqualTo(404);
        // but Weihai's person is, to it, one not held: it cannot even learn that the person is held elsewhere
        ResponseEntity<String> other = send("bureau", HttpMethod.GET, "/api/people/" + WEIHAI_PERSON + "/years/2024", null);
        assertThat(other.getStatusCode().value()).isEqualTo(404);
        assertThat(other.getBody()).contains("no completion of 371002********0047 is held").doesNotContain(WEIHAI_PERSON);
        assertThat(send("bureau", HttpMethod.GET, "/api/people/" + WEIHAI_PERSON + "/years", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(send("bureau", HttpMethod.GET, "/api/people/" + WEIHAI_PERSON + "/trace", null).getStatusCode().value())
                .isEqualTo(404);
        // nor Weihai's report
        assertThat(send("bureau", HttpMethod.GET, "/api/reports/compliance?city=" + WEIHAI + "&year=2024&format=csv", null)
                .getStatusCode().value()).isEqualTo(403);
        // while support staff, who answer every city's callers, read both
        assertThat(send("support", HttpMethod.GET, "/api/people/" + WEIHAI_PERSON + "/years/2024", null).getStatusCode().value())
                .isEqualTo(200);
        // and the bureau's report has its own person only
        String csv = send("bureau", HttpMethod.GET, "/api/reports/compliance?city=" + BINZHOU + "&year=2024&format=csv", null)
                .getBody();
        assertThat(csv).contains("371602********0048").doesNotContain("371002");
    }

    @Test
    void aTokenActsAsItsUserUntilRevoked() {
        // given an operator's token
        ResponseEntity<String> issued = send("operator", HttpMethod.POST, "/api/tokens", "{\"label\":\"monitoring\",\"days\":7}");
        assertThat(issued.getStatusCode().value()).isEqualTo(201);
        String token = issued.getBody().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        long id = Long.parseLong(issued.getBody().replaceAll(".*\"id\":(\\d+).*", "$1"));
        // only its hash is stored
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Integer.class, token)).isZero();

        // then it does the operator's work and nothing else
        assertThat(bearer(token, HttpMethod.GET, "/api/sources").getStatusCode().value()).isEqualTo(200);
        assertThat(bearer(token, HttpMethod.POST, "/api/sources/sdbz/pause").getStatusCode().value()).isEqualTo(200);
        assertThat(bearer(token, HttpMethod.GET, "/api/reconciliation").getStatusCode().value()).isEqualTo(403);

        // when the operator revokes it, it is refused
        assertThat(send("operator", HttpMethod.DELETE, "/api/tokens/" + id, null).getStatusCode().value()).isEqualTo(204);
        assertThat(bearer(token, HttpMethod.GET, "/api/sources").getStatusCode().value()).isEqualTo(401);
        assertThat(bearer("chs_forged", HttpMethod.GET, "/api/sources").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() {
        jdbc.update("DELETE FROM audit_event WHERE action = 'SIGN_IN_REFUSED'");

        ResponseEntity<String> answer = http.withBasicAuth("support", "wrong").getForEntity("/api/reconciliation", String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE action = 'SIGN_IN_REFUSED'", String.class))
                .containsExactly("support");
    }

    @Test
    void errorsSayWhatIsWrongAndNeverHowTheCodeLooks() {
        // a body that is not JSON, a path variable that is not a number, a body over the limit
        ResponseEntity<String> broken = send("support", HttpMethod.POST, "/api/reconciliation/retry", "{\"ids\": [");
        ResponseEntity<String> notANumber = send("operator", HttpMethod.GET, "/api/runs/abc", null);
        ResponseEntity<String> tooLarge = send("support", HttpMethod.POST, "/api/reconciliation/1/resolve",
                "{\"note\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        for (ResponseEntity<String> answer : List.of(broken, notANumber, tooLarge)) {
            assertThat(answer.getBody()).doesNotContain("Exception", "\tat ", "cn.shandong", "org.springframework");
        }
    }

    private void record(String person, String source, String city, String recordId) {
        Timestamp now = Timestamp.from(Instant.now());
        String key = ids.hash(recordId + person);
        LocalDate day = LocalDate.of(2024, 5, 1);
        jdbc.update("""
                INSERT INTO credit_record (completion_key, province_key, revision, fingerprint, id_hash, id_cipher, person_name, city_code,
                    source_id, source_record_id, course_name, subject, kind, amount, unit, hours, completion_date, study_year,
                    state, created_at, updated_at)
                VALUES (?, ?, 1, ?, ?, ?, '李四', ?, ?, ?, '专业课', 'PROFESSIONAL', 'TRAINING', ?, 'HOURS', ?, ?, 2024, 'ACTIVE', ?, ?)
                """, key, ids.encrypt(key), key, ids.hash(person), ids.encrypt(person), city, source, recordId, new BigDecimal("20"),
                new BigDecimal("20"), day, now, now);
    }

    private ResponseEntity<String> send(String caller, HttpMethod method, String path, String body) {
        TestRestTemplate as = caller == null ? http : http.withBasicAuth(caller, caller);
        if (method == HttpMethod.POST) {
            // a console form's answer is a redirect (302): seen as such, not followed without the credentials
            as = as.withRedirects(org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> bearer(String token, HttpMethod method, String path) {
        return bearer(token, method, path, null);
    }

    private ResponseEntity<String> bearer(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
