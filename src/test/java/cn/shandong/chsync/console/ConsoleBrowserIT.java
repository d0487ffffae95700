package cn.shandong.chsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shandong.chsync.api.RunsController;
import cn.shandong.chsync.api.SourcesController;
import cn.shandong.chsync.compliance.ComplianceReport;
import cn.shandong.chsync.it.ServiceState;
import cn.shandong.chsync.it.Waits;
import cn.shandong.chsync.pull.RunView;
import cn.shandong.chsync.push.OutboxRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * The console through its real pages in headless Chromium: each test signs in at /login as one
 * role and does that role's main task, as a person would, and checks what the page shows against
 * what the API and the database hold. Skipped where Chromium is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:chsync-console;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "sync.sync-on-start=false",
        // every sync is started by the test
        "sync.scheduler.enabled=false",
        "sync.push.period-ms=200",
        "sync.pull.retries=1",
        "sync.pull.retry-delay-ms=100",
        "sync.push.backoff-base=PT0.2S",
})
class ConsoleBrowserIT {

    static final String SOURCE = "sdbz";
    static final String BINZHOU = "371600";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    SourcesController sources;
    @Autowired
    RunsController runs;
    @Autowired
    ComplianceReport report;
    @Autowired
    org.springframework.context.MessageSource messages;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(Browser.available(), "the console's browser tests need " + Browser.CHROMIUM + " and "
                + Browser.DRIVER + " (apt-get install chromium chromium-driver)");
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startFromNothing() throws Exception {
        camel.getRouteController().stopRoute("push");
        ServiceState.startFromNothing(jdbc, http);
        http.delete("/sim/control/faults");
        camel.getRouteController().startRoute("push");
        browser.driver.manage().deleteAllCookies();
        try (Stream<Path> files = Files.list(browser.downloads)) {
            files.forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anOperatorSyncsASourceAndWatchesItsRunFinishWithTheAPIsCounts() throws Exception {
        signIn("operator");

        // when the operator presses 立即同步 on sdbz's row
        open("/console/sources");
        browser.driver.findElement(By.cssSelector("button[data-sync='" + SOURCE + "']")).click();

        // then the run's page opens and its progress bar runs until the page says 完成
        waitFor(() -> browser.driver.getCurrentUrl().matches(".*/console/runs/\\d+$"), "the run's page");
        long runId = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*/", ""));
        waitFor(() -> text("#run-status").equals("完成") || text("#run-status").equals("失败"), "the run to finish on the page");
        assertThat(text("#run-status")).isEqualTo("完成");
        assertThat(browser.driver.findElement(By.id("progress-bar")).getAttribute("style")).contains("width: 100%");

        // and the counts on the page are what GET /api/runs/{id} says
        JsonNode api = fetchJson("/api/runs/" + runId);
        assertThat(api.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.path("fetched").asInt()).isPositive();
        for (String field : List.of("pages", "fetched", "newRecords", "replays", "revisions", "crossSourceDuplicates",
                "quarantined", "superseded")) {
            assertThat(text(".counts [data-field='" + field + "']")).as(field).isEqualTo(grouped(api.path(field).asText()));
        }
        assertThat(text("#finished")).isNotBlank();
        browser.screenshot("operator-run");

        // and the run history lists it, succeeded, with the same count fetched
        open("/console/runs?source=" + SOURCE);
        WebElement row = browser.driver.findElement(By.id("run-" + runId));
        assertThat(row.findElement(By.cssSelector(".badge")).getAttribute("data-code")).isEqualTo("SUCCEEDED");
        assertThat(row.findElements(By.cssSelector("td")).get(7).getText()).isEqualTo(grouped(api.path("fetched").asText()));
    }

    @Test
    void anOperatorIsToldWhyABadCronWasRefused() throws Exception {
        signIn("operator");
        open("/console/sources");
        WebElement cron = browser.driver.findElement(By.cssSelector("#source-" + SOURCE + " input[name=cron]"));
        cron.clear();
        cron.sendKeys("every ten minutes");
        browser.driver.findElement(By.cssSelector("#source-" + SOURCE + " form.cron button")).click();

        waitFor(() -> !browser.driver.findElements(By.cssSelector(".notice.error")).isEmpty(), "the refusal");
        assertThat(text(".notice.error")).startsWith(SOURCE + "：").endsWith("（HTTP 400）");
        // the cron typed stays in the field to be corrected, and the source keeps its schedule
        assertThat(browser.driver.findElement(By.cssSelector("#source-" + SOURCE + " input[name=cron]")).getAttribute("value"))
                .isEqualTo("every ten minutes");
        assertThat(sources.list().stream().filter(s -> s.id().equals(SOURCE)).findFirst().orElseThrow().cron())
                .isNotEqualTo("every ten minutes");
    }

    @Test
    void supportRetriesAFailedFetchAndSeesItResolved() throws Exception {
        // given sdbz down (503 until cleared) and a sync of it that failed: a FETCH item is open
        assertThat(http.postForEntity("/sim/control/faults", Map.of("target", SOURCE, "status", 503, "times", 0), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        RunView failed = syncToTheEnd(SOURCE);
        assertThat(failed.status()).isEqualTo("FAILED");
        long itemId = jdbc.queryForObject("SELECT id FROM reconciliation_item WHERE source_id = ? AND stage = 'FETCH'",
                Long.class, SOURCE);
        // and the platform is back
        http.delete("/sim/control/faults");

        // when support finds it in the queue by its stage and retries it with a note
        signIn("support");
        open("/console/reconciliation?stage=FETCH&status=OPEN");
        WebElement row = browser.driver.findElement(By.id("item-" + itemId));
        assertThat(row.getText()).contains("FETCH_FAILED").contains("平台无法访问");
        row.findElement(By.linkText("#" + itemId)).click();
        waitFor(() -> browser.driver.getCurrentUrl().endsWith("/console/reconciliation/" + itemId), "the item's page");
        assertThat(text("#status-code")).isEqualTo("OPEN");
        assertThat(text("#reason")).isEqualTo("FETCH_FAILED");
        // and the page tells them who must act and that a retry can help, once the platform is back
        assertThat(text("#guidance-who")).isEqualTo("平台");
        assertThat(text("#guidance-retry")).isEqualTo("重试可能有效");
        assertThat(text("#guidance-ask")).contains("恢复后重试");
        browser.driver.findElement(By.id("note")).sendKeys("平台已恢复，重新拉取");
        browser.driver.findElement(By.id("retry")).click();

        // then the page follows the retry (a new sync of sdbz) until the item is resolved
        waitFor(() -> "RESOLVED".equals(textOrNull("#status-code")), "the item to be resolved on its page");
        assertThat(jdbc.queryForObject("SELECT status FROM reconciliation_item WHERE id = ?", String.class, itemId))
                .isEqualTo("RESOLVED");
        String history = text("#actions");
        assertThat(history).contains("平台已恢复，重新拉取").contains(securityOn() ? "support" : "unauthenticated");
        browser.screenshot("support-item");
    }

    @Test
    void aBureauOpensBinzhousComplianceAndDownloadsTheWorkbook() throws Exception {
        // given Binzhou's platform and the provincial public-course platforms its people study on synced,
        // and their completions pushed
        List<Long> started = Stream.of(SOURCE, "zjzd", "sdou", "xkyx")
                .map(s -> ((Number) sources.sync(s, false).getBody().get("runId")).longValue()).toList();
        waitFor(() -> started.stream().allMatch(id -> runs.one(id).finishedAt() != null), "the runs to finish");
        assertThat(started.stream().map(id -> runs.one(id).status())).containsOnly("SUCCEEDED");
        // (nothing pending in the outbox, nor handed over by a page and not yet answered)
        waitFor(() -> jdbc.queryForObject(OutboxRepository.WAITING, Integer.class) == 0, "the outbox to drain");
        // the year of the simulated ones in which most Binzhou people met the requirement
        int year = 0;
        List<ComplianceReport.Line> lines = List.of();
        for (int y : jdbc.queryForList("SELECT DISTINCT study_year FROM credit_record WHERE city_code = ? ORDER BY study_year",
                Integer.class, BINZHOU)) {
            List<ComplianceReport.Line> of = new ArrayList<>();
            report.run(BINZHOU, y, null, true, of::add);
            if (year == 0 || of.stream().filter(ComplianceReport.Line::met).count() > lines.stream().filter(ComplianceReport.Line::met).count()) {
                year = y;
                lines = of;
            }
        }
        assertThat(lines).isNotEmpty();
        long met = lines.stream().filter(ComplianceReport.Line::met).count();
        int shown = year;

        // when the bureau asks for Binzhou's year
        signIn("bureau");
        open("/console/compliance");
        // (a bureau's own city is filled in)
        WebElement cityField = browser.driver.findElement(By.id("city"));
        assertThat(cityField.getAttribute("value")).isEqualTo(BINZHOU);
        cityField.clear();
        cityField.sendKeys(BINZHOU);
        WebElement yearField = browser.driver.findElement(By.id("year"));
        yearField.clear();
        yearField.sendKeys(Integer.toString(shown));
        browser.driver.findElement(By.id("show")).click();

        // then the page shows the report's numbers (the asked-for page: the one before it, with the bureau's
        // city filled in, shows a summary of its own until the form's answer replaces it)
        waitFor(() -> browser.driver.getCurrentUrl().contains("year=" + shown)
                && !browser.driver.findElements(By.id("people")).isEmpty(), "the summary");
        assertThat(text("#people")).isEqualTo(grouped(Integer.toString(lines.size())));
        assertThat(text("#met")).isEqualTo(grouped(Long.toString(met)));
        assertThat(text("#not-met")).isEqualTo(grouped(Long.toString(lines.size() - met)));
        assertThat(browser.driver.findElements(By.cssSelector("#people-table tbody tr"))).hasSize(Math.min(lines.size(),
                CompliancePage.PREVIEW));
        assertThat(browser.driver.findElements(By.cssSelector("#employers tbody tr")))
                .hasSize(Math.toIntExact(lines.stream().map(l -> l.employerCode() != null ? l.employerCode() : l.employer())
                        .distinct().count()));
        browser.screenshot("bureau-compliance");

        // and the XLSX it downloads opens with one row per person on the people sheet
        browser.driver.findElement(By.id("download-xlsx")).click();
        Path file = browser.downloads.resolve("compliance-" + BINZHOU + "-" + shown + ".xlsx");
        waitFor(() -> Files.exists(file) && !Files.exists(Path.of(file + ".crdownload")), "the download");
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet people = book.getSheet("人员");
            assertThat(people.getRow(0).getCell(0).getStringCellValue()).isEqualTo("身份证号");
            assertThat(people.getLastRowNum()).isEqualTo(lines.size());
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= people.getLastRowNum(); i++) {
                Row r = people.getRow(i);
                ids.add(r.getCell(0).getStringCellValue());
            }
            assertThat(ids).containsExactlyElementsOf(lines.stream().map(ComplianceReport.Line::idNumber).toList());
        }
    }

    @Test
    void theDashboardChartsEachSourcesRecordsPerDay() throws Exception {
        // given runs of three sources over the last days: 100 + 50 today, 30 three days ago, 7 thirteen days ago,
        // and one of fifteen days ago that the chart leaves out
        LocalDate today = LocalDate.now(cn.shandong.chsync.record.CreditRecord.ZONE);
        run("sdbz", today, 100);
        run("sdwh", today, 50);
        run("sdbz", today.minusDays(3), 30);
        run("zjzd", today.minusDays(13), 7);
        run("zjzd", today.minusDays(15), 1000);

        signIn("operator");
        open("/console");

        // then one bar segment per source and day, the legend's totals, and 14 day labels
        List<WebElement> segments = browser.driver.findElements(By.cssSelector("#daily-chart rect"));
        assertThat(segments).hasSize(4);
        assertThat(text("#fetched-total")).isEqualTo("187");
        assertThat(browser.driver.findElements(By.cssSelector("#daily-chart text.axis[text-anchor=middle]"))).hasSize(14);
        assertThat(browser.driver.findElements(By.cssSelector(".legend li")).stream().map(WebElement::getText).toList())
                .containsExactly("sdbz 130", "sdwh 50", "zjzd 7");
        // the outbox chart has a bar per status, all empty
        assertThat(browser.driver.findElements(By.cssSelector("#outbox-chart g")).stream()
                .map(g -> g.getAttribute("data-label") + "=" + g.getAttribute("data-value")).toList())
                .containsExactly("PENDING=0", "DONE=0", "REJECTED=0", "FAILED=0", "SUPERSEDED=0");
        browser.screenshot("dashboard");
    }

    @Test
    void anOperatorSeesOnlyTheirLinksAndIsRefusedSupportsPages() throws Exception {
        assumeTrue(securityOn(), "sign-in (Spring Security) is not on the classpath yet: every page is open");
        signIn("operator");
        open("/console");
        List<String> links = browser.driver.findElements(By.cssSelector(".mainnav a[data-nav]")).stream()
                .map(a -> a.getAttribute("data-nav")).toList();
        assertThat(links).containsExactly("sources", "runs", "mappings");

        open("/console/reconciliation");
        assertThat(browser.driver.findElements(By.id("forbidden"))).hasSize(1);
        assertThat(text("h1")).isEqualTo("403 · 无权访问");
        assertThat(browser.driver.findElements(By.id("items"))).isEmpty();
    }

    @Test
    void anOperatorTriesAMappingInTheWorkbenchOnASamplePageAndByAConnectionTest() throws Exception {
        // given an operator on 接入调试, reached from the navigation, with sdbz's file loaded into the editor
        signIn("operator");
        browser.driver.findElement(By.cssSelector("a[data-nav='mappings']")).click();
        waitFor(() -> browser.driver.getCurrentUrl().endsWith("/console/mappings"), "the workbench");
        new Select(browser.driver.findElement(By.id("source-pick"))).selectByValue(SOURCE);
        browser.driver.findElement(By.id("load-source")).click();
        waitFor(() -> browser.driver.getCurrentUrl().endsWith("source=" + SOURCE), "sdbz's file");
        assertThat(browser.driver.findElement(By.id("mapping")).getDomProperty("value"))
                .isEqualTo(Files.readString(Path.of("mappings/sdbz.mapping.yaml")));

        // when the fixture's page is pasted as the sample and previewed
        String page = Files.readString(Path.of("src/test/resources/fixtures/sdbz/page.json"));
        browser.driver.executeScript("document.getElementById('page').value = arguments[0];", page);
        browser.driver.findElement(By.id("preview-sample")).click();
        waitFor(() -> "完成".equals(textOrNull("#preview-state")), "the sample's preview");

        // then every item is a row, those the fixture expects refused marked with their reason codes
        JsonNode expected = JSON.readTree(Path.of("src/test/resources/fixtures/sdbz/expected.json").toFile());
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#records tbody tr"));
        assertThat(rows).hasSize(expected.size());
        int refused = 0;
        for (int i = 0; i < expected.size(); i++) {
            WebElement row = rows.get(i);
            JsonNode want = expected.get(i);
            assertThat(row.getDomAttribute("data-valid")).as("row " + i).isEqualTo(String.valueOf(want.hasNonNull("record")));
            List<String> codes = row.findElements(By.cssSelector(".violation")).stream()
                    .map(b -> b.getDomAttribute("data-code")).toList();
            List<String> wanted = new ArrayList<>();
            want.path("violations").forEach(v -> wanted.add(v.asText()));
            assertThat(codes).as("row " + i).isEqualTo(wanted);
            // each named in the page's language beside its code, the record's own (technical) message left to the tooltip
            String problems = row.findElements(By.cssSelector("td")).get(10).getText();
            for (String code : wanted) {
                assertThat(problems).as("row " + i).contains(messages.getMessage("reason." + code, null, java.util.Locale.SIMPLIFIED_CHINESE));
            }
            if (want.hasNonNull("record")) {
                // the ID number masked: first 6, last 4
                String id = want.path("record").path("idNumber").asText();
                assertThat(row.findElements(By.cssSelector("td")).get(2).getText())
                        .isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
            } else {
                refused++;
                assertThat(row.getDomAttribute("class")).contains("invalid");
            }
        }
        assertThat(text("#count-invalid")).isEqualTo(String.valueOf(refused));
        assertThat(text("#next-page")).isEqualTo("无（本轮到此结束）");
        browser.screenshot("operator-workbench-sample");

        // when the same file is tried against the platform itself (the built-in simulator)
        browser.driver.findElement(By.id("preview-fetch")).click();
        waitFor(() -> "完成".equals(textOrNull("#preview-state")), "the connection test");

        // then the page fetched is listed with its request and HTTP 200, and its records are the table's
        List<WebElement> pages = browser.driver.findElements(By.cssSelector("#pages tbody tr"));
        assertThat(pages).isNotEmpty();
        List<WebElement> first = pages.get(0).findElements(By.cssSelector("td"));
        assertThat(first.get(1).getText()).contains("/platforms/" + SOURCE + "/api/open/study-records?pageNo=1&pageSize=1000");
        assertThat(first.get(2).getText()).isEqualTo("200");
        int fetched = pages.stream().mapToInt(r -> Integer.parseInt(r.findElements(By.cssSelector("td")).get(3).getText())).sum();
        assertThat(browser.driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(fetched);
        assertThat(text("#count-records")).isEqualTo(String.valueOf(fetched));

        // when the editor holds a file that cannot load
        browser.driver.executeScript("document.getElementById('mapping').value = arguments[0];", "id: demo\nname: 演示\n");
        browser.driver.findElement(By.id("preview-sample")).click();
        waitFor(() -> "未通过".equals(textOrNull("#preview-state")), "the refusal");

        // then each missing key is named, and no records are shown
        assertThat(text("#problems-file")).isEqualTo("demo.mapping.yaml");
        assertThat(browser.driver.findElements(By.cssSelector("#problem-list li")).stream()
                .map(li -> li.getDomAttribute("data-key")).toList()).contains("cityCode", "schedule", "request");
        assertThat(browser.driver.findElement(By.id("result")).isDisplayed()).isFalse();
        browser.screenshot("operator-workbench-refused");
        // and nothing of it was stored
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_run", Integer.class)).isZero();
    }

    @Test
    void everyRolesPagesAreAllChineseByDefaultAndAllEnglishForAnEnglishBrowser() throws Exception {
        // given a sync of sdbz (runs, problems from its refused records, completions pushed) and a day's statement
        RunView synced = syncToTheEnd(SOURCE);
        assertThat(synced.status()).isEqualTo("SUCCEEDED");
        waitFor(() -> jdbc.queryForObject(OutboxRepository.WAITING, Integer.class) == 0, "the outbox to drain");
        long itemId = jdbc.queryForObject("SELECT MIN(id) FROM reconciliation_item", Long.class);
        int year = jdbc.queryForObject("SELECT MAX(study_year) FROM credit_record WHERE city_code = ?", Integer.class, BINZHOU);
        List<ComplianceReport.Line> lines = new ArrayList<>();
        report.run(BINZHOU, year, null, false, lines::add);
        String person = lines.get(0).idNumber();
        Map<String, List<String>> pages = Map.of(
                "admin", List.of("/console", "/console/sources", "/console/runs", "/console/runs/" + synced.id(),
                        "/console/mappings?source=" + SOURCE, "/console/reconciliation", "/console/reconciliation/" + itemId,
                        "/console/trace", "/console/compliance?city=" + BINZHOU + "&year=" + year, "/console/tally",
                        "/console/runs/999999", "/console/no-such-page"),
                "operator", List.of("/console", "/console/sources", "/console/runs", "/console/runs/" + synced.id(),
                        "/console/mappings", "/console/reconciliation"),
                "support", List.of("/console", "/console/reconciliation?stage=VALIDATE", "/console/reconciliation/" + itemId,
                        "/console/trace", "/console/tally", "/console/reconciliation?from=12/01/2026"),
                "bureau", List.of("/console", "/console/compliance?city=" + BINZHOU + "&year=" + year, "/console/tally"));

        // when each role reads its pages in a Chinese browser, then no English word is left on them
        Map<String, List<String>> english = new java.util.TreeMap<>();
        java.util.Set<String> sourceIds = sources.list().stream().map(cn.shandong.chsync.pull.SourceOperations.SourceView::id)
                .collect(java.util.stream.Collectors.toSet());
        readEveryPage(browser, pages, person, text -> PageLanguage.englishWords(text, sourceIds), english);
        assertThat(english).as("English words on the Chinese pages").isEmpty();

        // when they read them in an English browser (its Accept-Language, no ?lang=), then no Chinese one is
        Browser en = Browser.start("en-US");
        try {
            Map<String, List<String>> chinese = new java.util.TreeMap<>();
            readEveryPage(en, pages, person, PageLanguage::chineseLines, chinese);
            assertThat(chinese).as("Chinese on the English pages").isEmpty();

            // and ?lang=zh-CN switches that browser to Chinese, remembered on the next page
            en.driver.get("http://localhost:" + port + "/console/tally?lang=zh-CN");
            en.driver.get("http://localhost:" + port + "/console");
            assertThat(en.driver.findElement(By.tagName("h1")).getText()).isEqualTo("总览");
        } finally {
            en.close();
        }
    }

    @Test
    void aDayTypedInTheBrowsersOwnFormatIsRefusedWithTheFormatToUse() {
        signIn("support");
        open("/console/tally");
        WebElement day = browser.driver.findElement(By.id("date"));
        // a text field, not the browser's date picker, whose format follows the browser's language
        assertThat(day.getDomAttribute("type")).isEqualTo("text");
        assertThat(day.getDomProperty("value")).matches("\\d{4}-\\d{2}-\\d{2}");
        day.clear();
        day.sendKeys("12/01/2026");
        // (the server's check, not only the field's pattern)
        browser.driver.executeScript("document.getElementById('date').removeAttribute('pattern');");
        day.submit();
        waitFor(() -> !browser.driver.findElements(By.id("date-error")).isEmpty(), "the refusal");
        assertThat(text("#date-error")).isEqualTo("“12/01/2026”不是有效日期：请按 年-月-日 填写，例如 2026-01-31。（HTTP 400）");
        assertThat(browser.driver.findElement(By.id("date")).getDomProperty("value")).isEqualTo("12/01/2026");
        assertThat(browser.driver.findElements(By.id("tally"))).isEmpty();
    }

    @Test
    void anAPIRefusalKeepsItsCodeAndSaysItsMessageInTheCallersLanguage() throws Exception {
        for (Map.Entry<String, String> asked : Map.of("zh-CN", "没有编号为 999999 的同步。", "en-US", "There is no run number 999999.",
                "fr-FR", "没有编号为 999999 的同步。").entrySet()) {
            org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
            headers.set("Accept-Language", asked.getKey());
            headers.setAccept(List.of(org.springframework.http.MediaType.APPLICATION_JSON));
            var answer = (securityOn() ? http.withBasicAuth("operator", "operator") : http).exchange("/api/runs/999999",
                    org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), String.class);
            assertThat(answer.getStatusCode().value()).isEqualTo(404);
            JsonNode body = JSON.readTree(answer.getBody());
            assertThat(body.path("code").asText()).as(asked.getKey()).isEqualTo("NO_RUN");
            assertThat(body.path("message").asText()).as(asked.getKey()).isEqualTo(asked.getValue());
            assertThat(body.path("detail").asText()).isEqualTo("no run 999999");
        }
    }

    // --- steps

    /**
     * Signs each role in on the browser given and reads each of its pages' own text (PageLanguage),
     * noting per role and page what the check finds; the trace page is read with a person's trace shown.
     */
    void readEveryPage(Browser on, Map<String, List<String>> pages, String person,
                       java.util.function.Function<String, List<String>> check, Map<String, List<String>> found) {
        Browser before = browser;
        browser = on;
        try {
            on.driver.manage().deleteAllCookies();
            open("/login");
            note(found, "login", "/login", check.apply(readable()));
            for (Map.Entry<String, List<String>> role : new java.util.TreeMap<>(pages).entrySet()) {
                signIn(role.getKey());
                for (String path : role.getValue()) {
                    open(path);
                    if (path.equals("/console/trace")) {
                        on.driver.findElement(By.id("idNumber")).sendKeys(person);
                        on.driver.findElement(By.id("search")).click();
                        waitFor(() -> !on.driver.findElements(By.id("years")).isEmpty(), "the trace");
                    }
                    note(found, role.getKey(), path, check.apply(readable()));
                }
            }
        } finally {
            browser = before;
        }
    }

    private String readable() {
        return String.valueOf(browser.driver.executeScript(PageLanguage.READABLE_TEXT));
    }

    private static void note(Map<String, List<String>> found, String role, String path, List<String> words) {
        if (!words.isEmpty()) {
            found.put(role + " " + path, words);
        }
    }

    /** A count as the pages show it: grouped by thousands with a comma (Labels.count). */
    static String grouped(String count) {
        return String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(count));
    }


    static boolean securityOn() {
        return ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", ConsoleBrowserIT.class.getClassLoader());
    }

    /** Signs in through the login form; until sign-in exists the pages are open and the form is only looked at. */
    void signIn(String user) {
        browser.driver.manage().deleteAllCookies();
        open("/login");
        assertThat(browser.driver.findElement(By.cssSelector("form")).getAttribute("action")).endsWith("/login");
        if (!securityOn()) {
            return;
        }
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user);
        browser.driver.findElement(By.id("login")).click();
        waitFor(() -> browser.driver.getCurrentUrl().endsWith("/console"), user + " signed in");
        assertThat(text(".who-name")).isEqualTo(user);
    }

    void open(String path) {
        browser.driver.get("http://localhost:" + port + path);
    }

    String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText().strip();
    }

    /** The text, or null where the element is gone or being replaced (the page reloading). */
    String textOrNull(String css) {
        try {
            List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0).getText().strip();
        } catch (StaleElementReferenceException e) {
            return null;
        } catch (WebDriverException e) {
            // Chromium reports an element the reload replaced between finding and reading it this way too
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return null;
            }
            throw e;
        }
    }

    /** What the API answers the signed-in browser (its session, its cookies). */
    JsonNode fetchJson(String path) throws Exception {
        Object body = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {'Accept': 'application/json'}}).then(function (r) { return r.text(); })"
                + ".then(done, function (e) { done('ERROR ' + e); });", path);
        return JSON.readTree(body.toString());
    }

    RunView syncToTheEnd(String source) {
        long runId = ((Number) sources.sync(source, false).getBody().get("runId")).longValue();
        waitFor(() -> runs.one(runId).finishedAt() != null, "run " + runId + " to finish");
        return runs.one(runId);
    }

    private void run(String source, LocalDate day, int fetched) {
        Timestamp at = Timestamp.from(day.atTime(9, 0).atZone(cn.shandong.chsync.record.CreditRecord.ZONE).toInstant());
        jdbc.update("""
                INSERT INTO sync_run (source_id, trigger_type, status, node, started_at, finished_at, pages, fetched, new_records)
                VALUES (?, 'SCHEDULE', 'SUCCEEDED', 'test', ?, ?, 1, ?, ?)
                """, source, at, at, fetched, fetched);
    }

    static void waitFor(BooleanSupplier condition, String what) {
        Waits.await(condition, what, PATIENCE);
    }
}
