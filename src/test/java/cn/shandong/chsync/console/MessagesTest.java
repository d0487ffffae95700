package cn.shandong.chsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.ops.RunView;
import cn.shandong.chsync.ops.SourceAlerts;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.record.Subject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every code a person may read has a name in both bundles, and every reason its guidance. */
class MessagesTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final List<String> RUN_STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "ABANDONED");
    private static final List<String> RUN_TRIGGERS = List.of("SCHEDULE", "MANUAL", "FULL", "STARTUP", "RETRY", "TAKEOVER");
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

    private static RunView run(String status, String message, String reasonCode) {
        return new RunView(1, "sdbz", status, java.time.Instant.EPOCH, java.time.Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, "SCHEDULE",
                "node", 1, null, null, message, null, null, null, reasonCode);
    }

    /** Labels over the bundles as the service reads them: UTF-8, no fall-back to the JVM's locale. */
    private static Labels labels() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new Labels(source);
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
