package cn.shandong.chsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.monitor.SourceAlerts;
import cn.shandong.chsync.pull.RunStatus;
import cn.shandong.chsync.pull.RunTrigger;
import cn.shandong.chsync.pull.RunView;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.record.Subject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every code a person may read has a name in both bundles, every reason its guidance, every
 * refusal its sentence; every key the pages ask for is in both bundles, and they hold the same keys.
 */
class MessagesTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final List<String> RUN_STATUSES = Arrays.stream(RunStatus.values()).map(Enum::name).toList();
    private static final List<String> RUN_TRIGGERS = Arrays.stream(RunTrigger.values()).map(Enum::name).toList();
    /** The statuses a refusal without a code of its own is said by (filters' sendError, Spring's own refusals). */
    private static final List<Integer> HTTP_STATUSES = List.of(400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 502, 503);
    private static final Pattern REFUSAL = Pattern.compile("new RequestRefused\\(\\s*HttpStatus\\.\\w+,\\s*\"([A-Z_]+)\"");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([\\w.]+)");
    private static final Pattern TEXTS_KEY = Pattern.compile("texts\\.get\\(\"([\\w.]+)\"");
    private static final List<String> ITEM_STATUSES = List.of("OPEN", "RETRYING", "RESOLVED", "IGNORED");
    private static final List<String> OUTBOX_STATUSES = List.of("PENDING", "DONE", "REJECTED", "FAILED", "SUPERSEDED");

    private final Properties chinese = load("i18n/messages.properties");
    private final Properties english = load("i18n/messages_en.properties");

    @Test
    void bothBundlesHoldTheSameKeys() {
        assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(chinese.stringPropertyNames());
    }

    @Test
    void everyReasonCodeHasANameAndGuidanceInBothBundlesAndTheChineseIsChinese() {
        for (ReasonCode code : ReasonCode.values()) {
            String key = "reason." + code;
            for (String part : List.of("", ".what", ".ask")) {
                assertThat(chinese.getProperty(key + part)).as(key + part).isNotBlank().containsPattern(HAN);
                assertThat(english.getProperty(key + part)).as(key + part + " in English").isNotBlank().doesNotContainPattern(HAN);
            }
            assertThat(chinese.getProperty(key + ".who")).as(key + ".who").isIn("PLATFORM", "EMPLOYER", "PERSON", "OPERATIONS");
            assertThat(english.getProperty(key + ".who")).as(key + ".who in English").isEqualTo(chinese.getProperty(key + ".who"));
            assertThat(chinese.getProperty(key + ".retry")).as(key + ".retry").isIn("HELPS", "USELESS");
            assertThat(english.getProperty(key + ".retry")).as(key + ".retry in English").isEqualTo(chinese.getProperty(key + ".retry"));
        }
    }

    @Test
    void everyStatusStageTriggerAlertAndRecordCodeHasANameInBothBundles() {
        List<String> codes = new ArrayList<>();
        codes.addAll(RUN_STATUSES);
        codes.addAll(RUN_TRIGGERS);
        codes.addAll(ITEM_STATUSES);
        codes.addAll(OUTBOX_STATUSES);
        Stream.of(Stage.values(), SourceAlerts.Kind.values(), Subject.values(), RecordState.values())
                .flatMap(Arrays::stream).map(Enum::name).forEach(codes::add);
        for (String code : codes) {
            assertThat(chinese.getProperty("code." + code)).as("code." + code).isNotBlank().containsPattern(HAN);
            assertThat(english.getProperty("code." + code)).as("code." + code + " in English").isNotBlank().doesNotContainPattern(HAN);
        }
    }

    @Test
    void aChineseReaderGetsChineseGuidanceAndAnEnglishOneEnglishForTheSameReason() {
        Labels labels = labels();
        Labels.Guidance zh = inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.guidance(ReasonCode.ID_NUMBER_CHECKSUM));
        assertThat(zh.name()).isEqualTo("身份证号校验位错误");
        assertThat(zh.who()).isEqualTo("个人");
        assertThat(zh.retryHelps()).isFalse();
        assertThat(zh.retry()).isEqualTo("重试无效，须先更正");
        Labels.Guidance en = inLocale(Locale.ENGLISH, () -> labels.guidance(ReasonCode.PUSH_RETRIES_EXHAUSTED));
        assertThat(en.who()).isEqualTo("operations");
        assertThat(en.retryHelps()).isTrue();
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.of("SUCCEEDED"))).isEqualTo("成功");
        assertThat(inLocale(Locale.ENGLISH, () -> labels.of("SUCCEEDED"))).isEqualTo("succeeded");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.of("NOT_A_CODE"))).isEqualTo("NOT_A_CODE");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.guidance("NOT_A_CODE"))).isNull();
    }

    @Test
    void aRunsOutcomeIsReadInTheReadersLanguageWithoutItsCursorOrException() {
        Labels labels = labels();
        RunView failed = run("FAILED", "the platform answered HTTP 503 (pass since null, page 1)", "FETCH_FAILED");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.runOutcome(failed)))
                .isEqualTo("平台无法访问：多次请求后平台仍未正常应答（连接失败、超时或返回 5xx/429）。");
        assertThat(inLocale(Locale.ENGLISH, () -> labels.runOutcome(failed))).startsWith("Platform unreachable: ");
        RunView database = run("FAILED", "the database was unavailable: Communications link failure (page 3)", "DATABASE_UNAVAILABLE");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.runOutcome(database)))
                .isEqualTo("数据库暂时不可用，本次同步已停止；下次同步将从最后提交的一页继续。");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.runOutcome(run("ABANDONED", "the instance running it stopped", null))))
                .startsWith("运行该同步的实例已停止");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.runOutcome(run("SUCCEEDED", null, null)))).isEmpty();
        for (String code : List.of("DATABASE_UNAVAILABLE", "INTERNAL_ERROR", "ABANDONED", "UNORDERED_COPIES")) {
            assertThat(chinese.getProperty("run.outcome." + code)).as(code).containsPattern(HAN);
            assertThat(english.getProperty("run.outcome." + code)).as(code + " in English").doesNotContainPattern(HAN);
        }
    }

    @Test
    void everyRefusalTheServiceMakesHasASentenceInBothBundlesAndNoSentenceIsLeftWithoutOne() throws IOException {
        Set<String> thrown = matches(Path.of("src/main/java"), ".java", REFUSAL);
        // the codes thrown, each once at least: a code renamed in Java and not in the bundles fails here
        assertThat(thrown).contains("NO_RUN", "BAD_CRON", "SOURCE_BUSY", "NO_ITEM", "BAD_DATE", "NOTHING_FETCHED").hasSize(31);
        Set<String> said = new TreeSet<>();
        for (String key : chinese.stringPropertyNames()) {
            if (key.startsWith("error.") && !key.startsWith("error.HTTP_") && !key.equals("error.other")) {
                said.add(key.substring("error.".length()));
            }
        }
        assertThat(said).containsExactlyInAnyOrderElementsOf(thrown);
        for (String code : thrown) {
            assertThat(chinese.getProperty("error." + code)).as(code).containsPattern(HAN);
            assertThat(english.getProperty("error." + code)).as(code + " in English").isNotBlank().doesNotContainPattern(HAN);
        }
        for (int status : HTTP_STATUSES) {
            assertThat(chinese.getProperty("error.HTTP_" + status)).as("HTTP " + status).containsPattern(HAN);
            assertThat(english.getProperty("error.HTTP_" + status)).as("HTTP " + status + " in English").isNotBlank()
                    .doesNotContainPattern(HAN);
        }
    }

    @Test
    void everyKeyThePagesAndTheConsoleAskForIsInBothBundles() throws IOException {
        Set<String> asked = matches(Path.of("src/main/resources/templates"), ".html", TEMPLATE_KEY);
        asked.addAll(matches(Path.of("src/main/java/cn/shandong/chsync/console"), ".java", TEXTS_KEY));
        assertThat(asked).contains("nav.sources", "col.source", "run.state.done", "item.retried", "sources.refused");
        assertThat(chinese.stringPropertyNames()).as("the Chinese bundle").containsAll(asked);
        assertThat(english.stringPropertyNames()).as("the English bundle").containsAll(asked);
    }

    @Test
    void aRefusalIsSaidInTheReadersLanguageByItsCodeWithoutItsTechnicalReason() {
        ResourceBundleMessageSource source = bundles();
        cn.shandong.chsync.Texts texts = new cn.shandong.chsync.Texts(source);
        RequestRefused cron = new RequestRefused(org.springframework.http.HttpStatus.BAD_REQUEST, "BAD_CRON",
                "'every ten minutes' is not a Quartz cron expression: Illegal characters for this position: 'EVE'");
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> texts.refusal(cron)))
                .isEqualTo("调度不是有效的 Quartz cron 表达式（秒 分 时 日 月 周，例如 0 0/30 * * * ?）。");
        assertThat(inLocale(Locale.ENGLISH, () -> texts.refusal(cron))).startsWith("The schedule is not a Quartz cron expression");
        RequestRefused run = new RequestRefused(org.springframework.http.HttpStatus.NOT_FOUND, "NO_RUN", "no run 123456", 123456L);
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> texts.refusal(run))).isEqualTo("没有编号为 123456 的同步。");
        // a refusal without a code is said by its status
        var plain = new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.CONFLICT, "busy");
        assertThat(inLocale(Locale.ENGLISH, () -> texts.refusal(plain))).isEqualTo("This conflicts with the current state; reload and try again.");
    }

    @Test
    void countsAreGroupedByThousandsInBothLanguages() {
        Labels labels = labels();
        assertThat(inLocale(Locale.SIMPLIFIED_CHINESE, () -> labels.count(1234567))).isEqualTo("1,234,567");
        assertThat(inLocale(Locale.ENGLISH, () -> labels.count(1234567L))).isEqualTo("1,234,567");
        assertThat(labels.count(999)).isEqualTo("999");
        assertThat(labels.count(null)).isEmpty();
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static RunView run(String status, String message, String reasonCode) {
        return new RunView(1, "sdbz", status, java.time.Instant.EPOCH, java.time.Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, "SCHEDULE",
                "node", 1, null, null, message, null, null, null, reasonCode);
    }

    /** Labels over the bundles as the service reads them: UTF-8, no fall-back to the JVM's locale. */
    private static Labels labels() {
        return new Labels(bundles());
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static <T> T inLocale(Locale locale, java.util.function.Supplier<T> read) {
        Locale before = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
        try {
            return read.get();
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.setLocale(before);
        }
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(MessagesTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }
}
