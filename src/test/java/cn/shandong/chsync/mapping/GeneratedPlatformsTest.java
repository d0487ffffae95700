package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.dedupe.PageClassifier;
import cn.shandong.chsync.dedupe.PageClassifier.Known;
import cn.shandong.chsync.dedupe.PagePlan;
import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.RecordValidator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The mapping engine on generated platforms: JSON, XML or CSV; records nested 0–3 levels deep;
 * keys with dots and spaces; XML course names beside attributes; update and completion times from
 * a catalogue of formats (offsets, zone ids, a literal Z, epoch seconds and milliseconds, unpadded
 * fields, none at all); hours as 10, 10.0, 10学时, " 2 学时 ", 1.5小时, " 2 学分 "; code tables; re-sends and
 * corrections anywhere, in a page and across pages; withdrawals. Each platform is declared by a
 * mapping file (loaded, so start-up's checks run), its pages rendered as it would send them, and
 * read, mapped and classified page by page against an in-memory store standing for the database
 * (each page committed before the next), over two passes: the second after corrections and
 * withdrawals. What the store holds must equal the generator's truth record by record, and each
 * pass's counts balance with exact new records and revisions.
 *
 * <p>A failing platform is printed, shrunk, as its mapping file and its pages: ready to paste into
 * a fixture. The end-to-end path of the same defects (HTTP, database, province) is
 * MappingEngineTests'.
 */
class GeneratedPlatformsTest {

    private static final AtomicInteger PLATFORMS = new AtomicInteger();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), SHANGHAI);
    private static final RecordValidator VALIDATOR = new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019, CLOCK);

    /** Update-time formats, and the zones a platform may write them in (none: China Standard Time). */
    private static final List<String> UPDATE_FORMATS = List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX",
            "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ssxx", "yyyy-MM-dd'T'HH:mm:ss'['VV']'", "epochSeconds",
            "epochMillis", "yyyy/M/d H:mm:ss", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX", "yyyy-MM-dd HH:mm:ss Z");
    private static final List<ZoneId> WRITE_ZONES = List.of(SHANGHAI, ZoneOffset.UTC, ZoneOffset.ofHours(2),
            ZoneId.of("America/New_York"), ZoneOffset.ofHoursMinutes(5, 30));
    private static final List<String> COMPLETION_FORMATS = List.of("yyyy-MM-dd", "yyyy/M/d", "yyyy年M月d日", "yyyyMMdd",
            "epochMillis", "epochSeconds", "yyyy-MM-dd HH:mm:ss");
    private static final List<List<String>> SUBJECT_CODES = List.of(List.of("1", "2"), List.of("公需", "专业"),
            List.of("G", "Z"), List.of("public", "professional"));
    private static final List<List<String>> STATE_CODES = List.of(List.of("1", "0"), List.of("有效", "撤销"),
            List.of("active", "withdrawn"));
    private static final List<String> NAMES = List.of("王秀英", "刘建国", "张伟", "李娜", "陈静", "欧阳明");
    private static final List<String> COURSES = List.of("数字经济与创新驱动", "专业技术人员职业道德", "护理质量, 基础", "人工智能 导论",
            "公需·数字经济", "急救医学（上）");

    @Property(tries = 500)
    void whatTheEngineStoresEqualsTheGeneratorsTruthAfterTwoPasses(@ForAll("platforms") Platform platform) throws IOException {
        PLATFORMS.incrementAndGet();
        Path dir = Files.createTempDirectory("chsync-generated-");
        try {
            Path file = dir.resolve(Platform.ID + MappingLoader.SUFFIX);
            Files.writeString(file, platform.mappingFile());
            MappingDefinition mapping = new MappingLoader(s -> s).load(file);
            Engine engine = new Engine(mapping);

            Counts first = engine.pass(platform, 1);
            assertThat(first.fetched()).isEqualTo(platform.copies(1).size());
            assertThat(first.newRecords()).isEqualTo(platform.records().size());
            assertThat(first.revisions() + first.crossSourceDuplicates() + first.quarantined()).isZero();
            assertThat(first.balanced()).isTrue();
            engine.assertHolds(platform.truth(1), platform.credits());

            Counts second = engine.pass(platform, 2);
            assertThat(second.fetched()).isEqualTo(platform.copies(2).size());
            assertThat(second.newRecords() + second.crossSourceDuplicates() + second.quarantined()).isZero();
            if (platform.timed()) {
                // without update times, copies that conflict are kept in pass order and how many revisions that
                // makes depends on where the pages fall; with them, each record that changed is one revision
                assertThat(second.revisions()).as("revisions").isEqualTo(platform.changedInPass2());
            }
            assertThat(second.balanced()).isTrue();
            engine.assertHolds(platform.truth(2), platform.credits());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterContainer
    static void sayHowMany() {
        System.out.println("GeneratedPlatformsTest: " + PLATFORMS.get() + " generated platforms synced twice");
    }

    // ---------------------------------------------------------------- the engine and its store

    /** Read, map and classify page by page, each page committed to the in-memory store before the next. */
    private static final class Engine {
        final PageReader reader;
        final RecordMapper mapper;
        final String cursorFormat;
        final Map<String, CreditRecord> records = new HashMap<>();
        final Map<String, Integer> recordRevisions = new HashMap<>();
        final Map<String, Lineage> lineage = new HashMap<>();

        record Lineage(String completionKey, String fingerprint, int revision, boolean primary, LocalDateTime updatedAt, int pass) {
        }

        Engine(MappingDefinition mapping) {
            this.reader = new PageReader(mapping);
            this.mapper = new RecordMapper(mapping, new BigDecimal("5"), VALIDATOR);
            this.cursorFormat = mapping.request().cursor() == null ? null : mapping.request().cursor().format();
        }

        Counts pass(Platform platform, int pass) {
            Counts counts = Counts.NONE;
            for (String page : platform.pages(pass)) {
                List<MappedRecord> items = new ArrayList<>();
                for (var item : reader.read(page.getBytes(StandardCharsets.UTF_8)).items()) {
                    MappedRecord mapped = mapper.map(item);
                    assertThat(mapped.violations()).as("record %s", mapped.sourceRecordId()).isEmpty();
                    if (cursorFormat != null) {
                        // the cursor read is the update time, and written back in the platform's format it reads the same
                        assertThat(mapped.cursorValue()).isEqualTo(mapped.record().sourceUpdatedAt());
                        assertThat(ValueParsers.dateTime(ValueParsers.format(mapped.cursorValue(), cursorFormat), cursorFormat))
                                .isEqualTo(mapped.cursorValue());
                    }
                    items.add(mapped);
                }
                PagePlan plan = PageClassifier.classify(items, known(items, pass), Set.copyOf(records.keySet()), RecordKeys.PLAIN);
                apply(plan, pass);
                counts = counts.plus(plan.counts());
            }
            return counts;
        }

        private Map<String, Known> known(List<MappedRecord> items, int pass) {
            Map<String, Known> known = new HashMap<>();
            for (MappedRecord item : items) {
                Lineage l = lineage.get(item.sourceRecordId());
                if (l != null) {
                    known.put(item.sourceRecordId(), new Known(l.completionKey(), l.fingerprint(), l.revision(), l.primary(),
                            recordRevisions.getOrDefault(l.completionKey(), 0), l.updatedAt(), l.pass() == pass));
                }
            }
            return known;
        }

        private void apply(PagePlan plan, int pass) {
            for (PagePlan.RecordWrite w : plan.toPush()) {
                records.put(w.completionKey(), w.record());
                recordRevisions.put(w.completionKey(), w.revision());
            }
            List<PagePlan.LineageWrite> written = new ArrayList<>(plan.lineageInserts());
            written.addAll(plan.lineageUpdates());
            for (PagePlan.LineageWrite l : written) {
                lineage.put(l.sourceRecordId(), new Lineage(l.completionKey(), l.fingerprint(), l.revision(), l.primary(),
                        l.sourceUpdatedAt(), pass));
            }
        }

        void assertHolds(Map<String, Version> truth, boolean credits) {
            assertThat(records).as("completions held").hasSize(truth.size());
            truth.forEach((id, v) -> {
                CreditRecord held = records.get(lineage.get(id).completionKey());
                assertThat(held.courseName()).as("%s course", id).isEqualTo(v.course());
                assertThat(held.amount()).as("%s amount", id).isEqualByComparingTo(v.hours());
                assertThat(held.unit().name()).as("%s unit", id).isEqualTo(credits ? "CREDITS" : "HOURS");
                assertThat(held.hours()).as("%s hours", id)
                        .isEqualByComparingTo(credits ? v.hours().multiply(BigDecimal.valueOf(5)) : v.hours());
                assertThat(held.subject().name()).as("%s subject", id).isEqualTo(v.publicSubject() ? "PUBLIC" : "PROFESSIONAL");
                assertThat(held.state().name()).as("%s state", id).isEqualTo(v.withdrawn() ? "REVOKED" : "ACTIVE");
                assertThat(held.completionDate()).as("%s completion date", id).isEqualTo(v.completed());
                assertThat(held.sourceUpdatedAt()).as("%s updated at", id).isEqualTo(v.updatedAtOrNull());
                assertThat(held.idNumber()).as("%s ID number", id).isEqualTo(v.idNumber());
            });
        }
    }

    // ---------------------------------------------------------------- the generated platform

    /** One version of a record, as the platform holds it at some moment. */
    record Version(String id, String idNumber, String name, String course, boolean publicSubject, BigDecimal hours,
                   LocalDate completed, Instant updatedAt, boolean withdrawn, boolean timed) {

        LocalDateTime updatedAtOrNull() {
            return timed ? LocalDateTime.ofInstant(updatedAt, SHANGHAI) : null;
        }
    }

    /** A record: its versions in pass 1 (index = age), the copies of each pass as version indexes, and its pass-2 change. */
    record RecordSpec(int n, int versions, List<Integer> copies1, int change2, List<Integer> copies2) {
    }

    /**
     * A platform: format, nesting, the keys' spelling, formats and code tables, how pages are cut,
     * its records and the order their copies are sent in (a seed for each pass).
     */
    record Platform(String format, int depth, boolean oddKeys, boolean attributes, int updateFormat, int writeZone,
                    int completionFormat, int hoursStyle, int subjectCodes, int stateCodes, int pageSize, boolean bom,
                    List<RecordSpec> records, long orderSeed) {

        static final String ID = "gen";

        boolean csv() {
            return format.equals("CSV");
        }

        boolean xml() {
            return format.equals("XML");
        }

        /** Amounts in 学分: each counts for five hours, and completions are of 2015–2019. */
        boolean credits() {
            return hoursStyle == 6;
        }

        boolean timed() {
            return updateFormat < UPDATE_FORMATS.size();
        }

        boolean states() {
            return stateCodes < STATE_CODES.size();
        }

        /** Version {@code v} of record {@code r} in {@code pass} (pass 2 has one more version: index versions). */
        Version version(RecordSpec r, int v) {
            String first17 = "370102" + LocalDate.of(1960, 1, 1).plusDays(r.n() * 37L).toString().replace("-", "")
                    + String.format("%03d", r.n() % 1000);
            boolean newest2 = v == r.versions();
            BigDecimal hours = new BigDecimal(List.of("1", "1.5", "2", "2.5", "6", "10").get(r.n() % 6)).add(BigDecimal.valueOf(v));
            boolean withdrawn = newest2 && r.change2() == 2 && states();
            if (newest2 && r.change2() == 1) {
                hours = hours.add(new BigDecimal("0.5"));
            }
            Instant updated = Instant.parse("2025-03-01T02:00:00Z").plusSeconds(r.n() * 3600L + v * 61L);
            return new Version("R" + r.n(), first17 + IdNumber.checkCharacter(first17), NAMES.get(r.n() % NAMES.size()),
                    COURSES.get(r.n() % COURSES.size()) + r.n(), r.n() % 2 == 0, hours,
                    LocalDate.of(credits() ? 2015 : 2020, 1, 1).plusDays(r.n() * 97L % 1800), updated, withdrawn, timed());
        }

        /** The copies of a pass, as (record, version), in the order the platform sends them. */
        List<Version> copies(int pass) {
            List<Version> all = new ArrayList<>();
            for (RecordSpec r : records) {
                for (int v : pass == 1 ? r.copies1() : r.copies2()) {
                    all.add(version(r, v));
                }
            }
            Collections.shuffle(all, new Random(orderSeed + pass));
            return all;
        }

        /** What must be held after a pass: by update time the newest copy sent so far, else the last one sent. */
        Map<String, Version> truth(int pass) {
            Map<String, Version> truth = new LinkedHashMap<>();
            for (int p = 1; p <= pass; p++) {
                for (Version v : copies(p)) {
                    Version held = truth.get(v.id());
                    if (held == null || !timed() || !v.updatedAt().isBefore(held.updatedAt())) {
                        truth.put(v.id(), v);
                    }
                }
            }
            return truth;
        }

        /** Records whose content after pass 2 differs from after pass 1. */
        int changedInPass2() {
            Map<String, Version> one = truth(1);
            Map<String, Version> two = truth(2);
            int changed = 0;
            for (var e : two.entrySet()) {
                Version a = one.get(e.getKey());
                Version b = e.getValue();
                if (!a.hours().equals(b.hours()) || a.withdrawn() != b.withdrawn() || !a.updatedAt().equals(b.updatedAt()) && timed()) {
                    changed++;
                }
            }
            return changed;
        }

        // ------------------------------------------------------------ how the platform writes

        private String key(String plain, String odd) {
            return oddKeys ? odd : plain;
        }

        /** The field names, as the platform spells them. */
        private String kId() { return "id"; }
        private String kIdNo() { return key("sfzh", xml() ? "id.no" : "ID No."); }
        private String kName() { return key("xm", xml() ? "person.name" : "full name"); }
        private String kCourse() { return key("kcmc", xml() ? "course.title" : "Course Name"); }
        private String kSubject() { return key("kclb", "subject"); }
        private String kHours() { return key("xs", xml() ? "credit.hours" : "credit hours"); }
        private String kCompleted() { return key("hgrq", xml() ? "passed.on" : "passed on"); }
        private String kState() { return key("zt", "status"); }
        private String kUpdated() { return key("gxsj", xml() ? "meta.updated" : "updated at"); }
        private String kCert() { return key("zsbh", "certificate"); }

        /**
         * The path to a key under the record's nesting: quoted where it holds a dot, as it must be,
         * and where it starts "Course", as a key with a space may be.
         */
        private String path(String key) {
            StringBuilder path = new StringBuilder();
            for (int d = 1; d <= depth && !csv(); d++) {
                path.append(path.isEmpty() ? "" : ".").append("level").append(d);
            }
            boolean quote = key.contains(".") || key.startsWith("Course");
            String segment = quote ? "['" + key + "']" : key;
            return path.isEmpty() ? segment : path + (quote ? "" : ".") + segment;
        }

        String mappingFile() {
            String subjectPath = attributes && xml() ? path("course") + ".type" : path(kSubject());
            String coursePath = attributes && xml() ? path("course") + "#text" : path(kCourse());
            List<String> subject = SUBJECT_CODES.get(subjectCodes);
            StringBuilder m = new StringBuilder();
            m.append("# generated: ").append(format).append(", depth ").append(depth).append(", pages of ").append(pageSize)
                    .append('\n');
            m.append("id: ").append(ID).append("\nname: 生成的平台\ncityCode: \"370100\"\nschedule: \"0 0 3 * * ?\"\n");
            m.append("request:\n  baseUrl: http://localhost\n  path: /records\n  paging:\n    type: PAGE_NUMBER\n"
                    + "    pageParam: page\n    sizeParam: size\n    size: ").append(pageSize).append('\n');
            if (timed()) {
                m.append("  cursor:\n    param: since\n    field: \"").append(path(kUpdated())).append("\"\n    format: \"")
                        .append(UPDATE_FORMATS.get(updateFormat)).append("\"\n");
            }
            m.append("response:\n  format: ").append(format).append('\n');
            if (!csv()) {
                m.append("  items: ").append(xml() ? "records.record" : "data.list").append('\n');
            }
            m.append("fields:\n");
            // the record's id stands beside its nesting: a JSON key, an XML attribute, a CSV column
            m.append("  sourceRecordId: { path: id }\n");
            m.append("  idNumber: { path: \"").append(path(kIdNo())).append("\" }\n");
            m.append("  name: { path: \"").append(path(kName())).append("\" }\n");
            m.append("  courseName: { path: \"").append(coursePath).append("\" }\n");
            m.append("  subject: { path: \"").append(subjectPath).append("\", codes: { \"").append(subject.get(0))
                    .append("\": PUBLIC, \"").append(subject.get(1)).append("\": PROFESSIONAL } }\n");
            m.append("  kind: { constant: TRAINING }\n");
            m.append("  amount: { path: \"").append(path(kHours())).append("\", unit: HOURS }\n");
            m.append("  completionDate: { path: \"").append(path(kCompleted())).append("\", format: \"")
                    .append(COMPLETION_FORMATS.get(completionFormat)).append("\" }\n");
            m.append("  certificateNo: { path: \"").append(path(kCert())).append("\" }\n");
            if (states()) {
                List<String> state = STATE_CODES.get(stateCodes);
                m.append("  state: { path: \"").append(path(kState())).append("\", codes: { \"").append(state.get(0))
                        .append("\": ACTIVE, \"").append(state.get(1)).append("\": REVOKED } }\n");
            }
            if (timed()) {
                m.append("  sourceUpdatedAt: { path: \"").append(path(kUpdated())).append("\", format: \"")
                        .append(UPDATE_FORMATS.get(updateFormat)).append("\" }\n");
            }
            return m.toString();
        }

        /** The pages of a pass, as the platform sends them. */
        List<String> pages(int pass) {
            List<Version> copies = copies(pass);
            List<String> pages = new ArrayList<>();
            for (int from = 0; from < copies.size(); from += pageSize) {
                pages.add(page(copies.subList(from, Math.min(copies.size(), from + pageSize))));
            }
            if (copies.size() % pageSize == 0) {
                // a full last page: the platform answers the next with none
                pages.add(page(List.of()));
            }
            return pages;
        }

        private String page(List<Version> items) {
            StringBuilder out = new StringBuilder();
            if (csv()) {
                List<String> keys = fieldKeys();
                out.append(bom ? "\uFEFF" : "").append(String.join(",", keys.stream().map(Platform::cell).toList())).append("\r\n");
                for (Version v : items) {
                    Map<String, String> f = fields(v);
                    out.append(String.join(",", keys.stream().map(k -> cell(f.get(k))).toList())).append("\r\n");
                }
                return out.toString();
            }
            if (xml()) {
                out.append("<resp><code>0</code><records>");
                for (Version v : items) {
                    Map<String, String> f = fields(v);
                    out.append("<record id=\"").append(v.id()).append("\">").append(open());
                    f.forEach((k, value) -> {
                        if (k.equals(kId()) || attributes && (k.equals(kCourse()) || k.equals(kSubject()))) {
                            return;
                        }
                        out.append('<').append(k).append('>').append(escape(value)).append("</").append(k).append('>');
                    });
                    if (attributes) {
                        out.append("<course code=\"C").append(v.id()).append("\" type=\"").append(escape(f.get(kSubject())))
                                .append("\">").append(escape(f.get(kCourse()))).append("</course>");
                    }
                    out.append(close()).append("</record>");
                }
                return out.append("</records></resp>").toString();
            }
            out.append("{\"code\":0,\"data\":{\"list\":[");
            for (int i = 0; i < items.size(); i++) {
                Map<String, String> f = fields(items.get(i));
                out.append(i == 0 ? "" : ",").append("{\"id\":").append(quoted(items.get(i).id()));
                for (int d = 1; d <= depth; d++) {
                    out.append(",\"level").append(d).append("\":{\"_\":0");
                }
                f.forEach((k, value) -> {
                    if (k.equals(kId())) {
                        return;
                    }
                    boolean number = k.equals(kHours()) && hoursStyle == 0;
                    out.append(',').append(quoted(k)).append(':').append(number ? value : quoted(value));
                });
                out.append("}".repeat(depth)).append('}');
            }
            return out.append("]}}").toString();
        }

        private String open() {
            StringBuilder s = new StringBuilder();
            for (int d = 1; d <= depth; d++) {
                s.append("<level").append(d).append('>');
            }
            return s.toString();
        }

        private String close() {
            StringBuilder s = new StringBuilder();
            for (int d = depth; d >= 1; d--) {
                s.append("</level").append(d).append('>');
            }
            return s.toString();
        }

        private List<String> fieldKeys() {
            return new ArrayList<>(fields(version(records.get(0), 0)).keySet());
        }

        /** A version's fields as the platform writes them. */
        private Map<String, String> fields(Version v) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put(kId(), v.id());
            f.put(kIdNo(), v.idNumber());
            f.put(kName(), v.name());
            f.put(kCourse(), v.course());
            f.put(kSubject(), SUBJECT_CODES.get(subjectCodes).get(v.publicSubject() ? 0 : 1));
            f.put(kHours(), hours(v.hours()));
            f.put(kCompleted(), time(v.completed().atTime(10, 0).atZone(SHANGHAI).toInstant(),
                    COMPLETION_FORMATS.get(completionFormat), SHANGHAI));
            f.put(kCert(), "ZS-" + v.id());
            if (states()) {
                f.put(kState(), STATE_CODES.get(stateCodes).get(v.withdrawn() ? 1 : 0));
            }
            if (timed()) {
                String pattern = UPDATE_FORMATS.get(updateFormat);
                ZoneId zone = pattern.contains("'Z'") ? ZoneOffset.UTC
                        : pattern.contains("X") || pattern.contains("x") || pattern.contains("Z") || pattern.contains("VV")
                        ? WRITE_ZONES.get(writeZone) : SHANGHAI;
                f.put(kUpdated(), time(v.updatedAt(), pattern, zone));
            }
            return f;
        }

        private String hours(BigDecimal hours) {
            String plain = hours.stripTrailingZeros().toPlainString();
            return switch (hoursStyle) {
                case 0, 1 -> plain;
                case 2 -> hours.setScale(1).toPlainString();
                case 3 -> plain + "学时";
                case 4 -> " " + plain + " 学时 ";
                case 5 -> plain + "小时";
                // credits are taken for completions up to 2019 only, which such a platform's records are
                default -> " " + plain + " 学分 ";
            };
        }

        private static String time(Instant at, String format, ZoneId zone) {
            return switch (format) {
                case "epochMillis" -> Long.toString(at.toEpochMilli());
                case "epochSeconds" -> Long.toString(at.getEpochSecond());
                default -> DateTimeFormatter.ofPattern(format).format(at.atZone(zone));
            };
        }

        private static String cell(String value) {
            return value.contains(",") || value.contains("\"") || value.contains("\n") || value.startsWith(" ")
                    ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
        }

        private static String escape(String value) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        private static String quoted(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("\n--- mappings/" + ID + ".mapping.yaml ---\n").append(mappingFile());
            for (int pass = 1; pass <= 2; pass++) {
                List<String> pages = pages(pass);
                for (int i = 0; i < pages.size(); i++) {
                    s.append("--- pass ").append(pass).append(", page ").append(i + 1).append(" ---\n").append(pages.get(i))
                            .append('\n');
                }
            }
            return s.toString();
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Platform> platforms() {
        Arbitrary<String> format = Arbitraries.of("JSON", "XML", "CSV");
        Arbitrary<Integer> depth = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> flags = Arbitraries.of(false, true);
        Arbitrary<Integer> updateFormat = Arbitraries.integers().between(0, UPDATE_FORMATS.size());
        Arbitrary<Integer> writeZone = Arbitraries.integers().between(0, WRITE_ZONES.size() - 1);
        Arbitrary<Integer> completionFormat = Arbitraries.integers().between(0, COMPLETION_FORMATS.size() - 1);
        Arbitrary<Integer> hoursStyle = Arbitraries.integers().between(0, 6);
        Arbitrary<Integer> subjectCodes = Arbitraries.integers().between(0, SUBJECT_CODES.size() - 1);
        Arbitrary<Integer> stateCodes = Arbitraries.integers().between(0, STATE_CODES.size());
        Arbitrary<Integer> pageSize = Arbitraries.integers().between(1, 5);
        Arbitrary<List<RecordSpec>> records = record().list().ofMinSize(1).ofMaxSize(8)
                .uniqueElements(RecordSpec::n);
        Arbitrary<Long> seed = Arbitraries.longs().between(0, 1_000_000);

        Arbitrary<Object[]> shape = Combinators.combine(format, depth, flags, flags, updateFormat, writeZone, completionFormat,
                hoursStyle).as((f, d, odd, attributes, u, z, c, h) -> new Object[] {f, d, odd, attributes, u, z, c, h});
        return Combinators.combine(shape, subjectCodes, stateCodes, pageSize, flags, records, seed)
                .as((s, subject, state, size, bom, rs, sd) -> new Platform((String) s[0], (Integer) s[1], (Boolean) s[2],
                        (Boolean) s[3], (Integer) s[4], (Integer) s[5], (Integer) s[6], (Integer) s[7], subject, state, size, bom,
                        rs, sd));
    }

    /**
     * A record with 1–3 versions in pass 1 sent as 1–4 copies (the newest at least once), and a
     * pass-2 change (0 none, 1 hours corrected, 2 withdrawn) sent with stale copies around it.
     */
    private Arbitrary<RecordSpec> record() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 400);
        Arbitrary<Integer> versions = Arbitraries.integers().between(1, 3);
        Arbitrary<List<Integer>> extra = Arbitraries.integers().between(0, 2).list().ofMaxSize(3);
        Arbitrary<Integer> change = Arbitraries.integers().between(0, 2);
        return Combinators.combine(n, versions, extra, change, extra).as((id, v, more1, ch, more2) -> {
            List<Integer> copies1 = new ArrayList<>(List.of(v - 1));
            more1.forEach(c -> copies1.add(Math.min(c, v - 1)));
            // pass 2: the pass-1 newest again, the new version where it changed, and stale ones
            List<Integer> copies2 = new ArrayList<>(List.of(ch == 0 ? v - 1 : v));
            more2.forEach(c -> copies2.add(Math.min(c, v - 1)));
            return new RecordSpec(id, v, copies1, ch, copies2);
        });
    }
}
