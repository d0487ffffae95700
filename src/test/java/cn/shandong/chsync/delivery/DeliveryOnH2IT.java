package cn.shandong.chsync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.compliance.ComplianceReport;
import cn.shandong.chsync.it.ServiceState;
import cn.shandong.chsync.it.Waits;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.record.IdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reports delivered to the bureaus' subscriptions by mail, against a local SMTP server
 * (GreenMail): Binzhou's platform synced with the demo's seed, then the monthly delivery and
 * "send now". Each mail's workbook is opened with POI and its ID numbers read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:chsync-delivery;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "sync.sync-on-start=false",
        "sync.scheduler.enabled=false",
        "sync.push.period-ms=200",
        "sync.simulators.people=20",
        "spring.mail.host=127.0.0.1",
        "sync.delivery.from=chsync@bureau.example.cn",
})
class DeliveryOnH2IT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static final String BINZHOU = "371600";
    private static final Pattern CLEAR = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern MASKED = Pattern.compile("\\d{6}\\*{8}\\d{3}[\\dX]");

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportDelivery delivery;
    @Autowired
    ComplianceReport report;

    private TestRestTemplate admin;
    private TestRestTemplate bureau;

    @BeforeEach
    void binzhouSyncedAndNoSubscriptionsYet() throws Exception {
        admin = anonymous.withBasicAuth("admin", "admin");
        bureau = anonymous.withBasicAuth("bureau", "bureau");
        jdbc.update("DELETE FROM delivery_subscription");
        jdbc.update("DELETE FROM audit_event");
        SMTP.purgeEmailFromAllMailboxes();
        if (jdbc.queryForObject("SELECT COUNT(*) FROM credit_record", Integer.class) > 0) {
            return;
        }
        ServiceState.startFromNothing(jdbc, admin);
        ResponseEntity<JsonNode> started = admin.postForEntity("/api/sources/sdbz/sync", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long run = started.getBody().path("runId").asLong();
        Waits.await(() -> !admin.getForObject("/api/runs/" + run, JsonNode.class).path("finishedAt").isNull(), "the sync to finish",
                Duration.ofSeconds(60));
        Waits.await(() -> jdbc.queryForObject(OutboxRepository.WAITING, Integer.class) == 0, "the outbox to drain",
                Duration.ofSeconds(60));
    }

    @Test
    void theMonthlyDeliverySendsEachSubscriptionOneMailWithAWorkbookMaskedAsItsRoleRequiresAndAuditsIt() throws Exception {
        // the bureau user for itself, in clear; the city's mailbox as an operator would see it; the statements
        long own = subscribe(bureau, Map.of("report", "COMPLIANCE", "channel", "ATTACHMENT", "recipient", "keji@bz.example.cn",
                "clearIdNumbers", true));
        long mailbox = subscribe(admin, Map.of("city", BINZHOU, "report", "COMPLIANCE", "channel", "ATTACHMENT",
                "recipient", "jxjy@bz.example.cn", "role", "OPERATOR"));
        long statement = subscribe(admin, Map.of("city", BINZHOU, "report", "STATEMENT", "channel", "ATTACHMENT",
                "recipient", "duizhang@bz.example.cn", "role", "BUREAU", "language", "en"));
        int people = peopleIn2025();

        int sent = delivery.monthly(LocalDate.of(2026, 1, 1));

        assertThat(sent).isEqualTo(3);
        Map<String, MimeMessage> byRecipient = byRecipient(SMTP.getReceivedMessages());
        assertThat(byRecipient).containsOnlyKeys("keji@bz.example.cn", "jxjy@bz.example.cn", "duizhang@bz.example.cn");

        Attachment clear = attachment(byRecipient.get("keji@bz.example.cn"));
        assertThat(clear.name()).isEqualTo("compliance-371600-2025.xlsx");
        assertThat(idColumn(clear)).hasSize(people).allSatisfy(id -> {
            assertThat(id).matches(CLEAR);
            assertThat(IdNumber.check(id).valid()).isTrue();
        });
        Attachment masked = attachment(byRecipient.get("jxjy@bz.example.cn"));
        assertThat(masked.name()).isEqualTo("compliance-371600-2025.xlsx");
        assertThat(idColumn(masked)).hasSize(people).allSatisfy(id -> assertThat(id).matches(MASKED));
        // the same people in the same order, only masked
        assertThat(idColumn(masked)).isEqualTo(idColumn(clear).stream().map(IdNumber::mask).toList());

        MimeMessage english = byRecipient.get("duizhang@bz.example.cn");
        assertThat(english.getSubject()).isEqualTo("Daily statements (city 371600, 2025-12)");
        Attachment statements = attachment(english);
        assertThat(statements.name()).isEqualTo("statement-371600-2025-12.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(statements.open())) {
            Row header = book.getSheet("对账").getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers).containsExactly(DeliveryWorkbook.STATEMENT_HEADERS);
        }

        List<Map<String, Object>> audited = jdbc.queryForList(
                "SELECT actor, target, detail FROM audit_event WHERE action = 'REPORT_DELIVERED' ORDER BY target");
        assertThat(audited).extracting(r -> r.get("target")).containsExactlyInAnyOrder("subscription " + own,
                "subscription " + mailbox, "subscription " + statement);
        assertThat(audited).extracting(r -> r.get("actor")).containsOnly("system");
        assertThat(detail(audited, own)).isEqualTo("COMPLIANCE 371600 2025 by ATTACHMENT to keji@bz.example.cn, ID numbers in clear, MONTHLY");
        assertThat(detail(audited, mailbox)).isEqualTo("COMPLIANCE 371600 2025 by ATTACHMENT to jxjy@bz.example.cn, ID numbers masked, MONTHLY");
        // and the one workbook with ID numbers in clear left the same trail as a clear report read in the console
        assertThat(jdbc.queryForList("SELECT target FROM audit_event WHERE action = 'ID_NUMBER_READ'", String.class))
                .containsExactly("subscription " + own);
    }

    @Test
    void sendNowMailsASignedLinkThatDownloadsTheWorkbookWithoutSignInAndRefusesOneTamperedWith() throws Exception {
        long id = subscribe(bureau, Map.of("report", "COMPLIANCE", "channel", "LINK", "recipient", "keji@bz.example.cn"));

        ResponseEntity<JsonNode> sent = bureau.postForEntity("/api/subscriptions/" + id + "/send?month=2025-12", null, JsonNode.class);

        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.OK);
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getContent()).isInstanceOf(String.class);
        Matcher link = Pattern.compile("https?://\\S+" + Pattern.quote(DeliveryLinks.PATH) + "\\S+").matcher((String) mails[0].getContent());
        assertThat(link.find()).isTrue();
        URI uri = URI.create(link.group());
        String local = uri.getRawPath() + "?" + uri.getRawQuery();

        ResponseEntity<byte[]> download = anonymous.getForEntity(local, byte[].class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        // a bureau's subscription that did not ask for them in clear gets the ID numbers masked
        Attachment workbook = new Attachment("download", download.getBody());
        assertThat(idColumn(workbook)).hasSize(peopleIn2025()).allSatisfy(v -> assertThat(v).matches(MASKED));

        String tampered = local.replace("m=2025-12", "m=2024-12");
        assertThat(anonymous.getForEntity(tampered, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target = ? ORDER BY id", String.class,
                "subscription " + id)).containsExactly("SUBSCRIPTION_CREATED", "REPORT_DELIVERED", "REPORT_DOWNLOADED");
    }

    @Test
    void aBureauSubscribesItsOwnCityOnlyAndNoSubscriptionOfAnOperatorsRoleHasIdNumbersInClear() {
        ResponseEntity<String> otherCity = bureau.postForEntity("/api/subscriptions", Map.of("city", "370600", "report", "COMPLIANCE",
                "channel", "ATTACHMENT", "recipient", "keji@bz.example.cn"), String.class);
        ResponseEntity<String> operatorInClear = admin.postForEntity("/api/subscriptions", Map.of("city", BINZHOU, "report",
                "COMPLIANCE", "channel", "ATTACHMENT", "recipient", "jxjy@bz.example.cn", "role", "OPERATOR", "clearIdNumbers", true),
                String.class);
        long yantai = subscribe(admin, Map.of("city", "370600", "report", "COMPLIANCE", "channel", "LINK", "recipient", "rsj@yt.example.cn"));

        assertThat(otherCity.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(operatorInClear.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bureau.getForObject("/api/subscriptions", JsonNode.class)).isEmpty();
        assertThat(bureau.exchange("/api/subscriptions/" + yantai, org.springframework.http.HttpMethod.DELETE, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(anonymous.getForEntity("/api/subscriptions", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private long subscribe(TestRestTemplate as, Map<String, Object> request) {
        ResponseEntity<JsonNode> created = as.postForEntity("/api/subscriptions", request, JsonNode.class);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return created.getBody().path("id").asLong();
    }

    private int peopleIn2025() {
        int[] n = {0};
        report.run(BINZHOU, 2025, null, true, line -> n[0]++);
        assertThat(n[0]).isPositive();
        return n[0];
    }

    private static String detail(List<Map<String, Object>> audited, long id) {
        return audited.stream().filter(r -> r.get("target").equals("subscription " + id)).map(r -> (String) r.get("detail"))
                .findFirst().orElseThrow();
    }

    private static Map<String, MimeMessage> byRecipient(MimeMessage[] mails) throws Exception {
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage m : mails) {
            assertThat(m.getRecipients(Message.RecipientType.TO)).hasSize(1);
            assertThat(byRecipient.put(m.getRecipients(Message.RecipientType.TO)[0].toString(), m)).as("one mail each").isNull();
        }
        return byRecipient;
    }

    private record Attachment(String name, byte[] bytes) {

        InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }
    }

    private static Attachment attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream in = part.getInputStream()) {
                    return new Attachment(part.getFileName(), in.readAllBytes());
                }
            }
        }
        throw new AssertionError("no attachment in " + mail.getSubject());
    }

    /** The 身份证号 column of the workbook's 人员 sheet, opened with POI. */
    private static List<String> idColumn(Attachment workbook) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(workbook.open())) {
            Sheet people = book.getSheet("人员");
            assertThat(people.getRow(0).getCell(0).getStringCellValue()).isEqualTo("身份证号");
            List<String> ids = new ArrayList<>();
            for (int r = 1; r <= people.getLastRowNum(); r++) {
                ids.add(people.getRow(r).getCell(0).getStringCellValue());
            }
            return ids;
        }
    }
}
