package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.IdNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated platform, as the property suites of the mapping engine draw them: JSON, XML or CSV;
 * records nested 0–3 levels deep; keys with dots and spaces; XML course names beside attributes;
 * update and completion times from a catalogue of formats (offsets, zone ids, a literal Z, epoch
 * seconds and milliseconds, unpadded fields, none at all); hours as 10, 10.0, 10学时, " 2 学时 ",
 * 1.5小时, " 2 学分 "; code tables; every paging kind, with and without a total, with and without an
 * updated-since cursor; re-sends and corrections anywhere, in a page and across pages;
 * withdrawals. It writes its mapping file, and answers a page request as the platform would.
 *
 * <p>Two passes: the second after corrections and withdrawals. {@link #truth} is what must be
 * held after each. {@link #toString} is the platform as a mapping file and its pages, ready to
 * paste into a fixture.
 */
record GeneratedPlatform(String format, int depth, boolean oddKeys, boolean attributes, int updateFormat, int writeZone,
                         int completionFormat, int hoursStyle, int subjectCodes, int stateCodes, int pageSize, boolean bom,
                         List<RecordSpec> records, long orderSeed, Paging paging) {

    static final String ID = "gen";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A platform serving a file a day is read up to today, so its records are of the days just past. */
    static final LocalDate TODAY = LocalDate.now(SHANGHAI);

    /** Update-time formats, and the zones a platform may write them in (none: China Standard Time). */
    static final List<String> UPDATE_FORMATS = List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX",
            "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ssxx", "yyyy-MM-dd'T'HH:mm:ss'['VV']'", "epochSeconds",
            "epochMillis", "yyyy/M/d H:mm:ss", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX", "yyyy-MM-dd HH:mm:ss Z");
    static final List<ZoneId> WRITE_ZONES = List.of(SHANGHAI, ZoneOffset.UTC, ZoneOffset.ofHours(2),
            ZoneId.of("America/New_York"), ZoneOffset.ofHoursMinutes(5, 30));
    static final List<String> COMPLETION_FORMATS = List.of("yyyy-MM-dd", "yyyy/M/d", "yyyy年M月d日", "yyyyMMdd",
            "epochMillis", "epochSeconds", "yyyy-MM-dd HH:mm:ss");
    static final List<List<String>> SUBJECT_CODES = List.of(List.of("1", "2"), List.of("公需", "专业"),
            List.of("G", "Z"), List.of("public", "professional"));
    static final List<List<String>> STATE_CODES = List.of(List.of("1", "0"), List.of("有效", "撤销"),
            List.of("active", "withdrawn"));
    static final List<String> DAY_FORMATS = List.of("yyyyMMdd", "yyyy-MM-dd", "yyyy/M/d");
    static final List<String> NAMES = List.of("王秀英", "刘建国", "张伟", "李娜", "陈静", "欧阳明");
    static final List<String> COURSES = List.of("数字经济与创新驱动", "专业技术人员职业道德", "护理质量, 基础", "人工智能 导论",
            "公需·数字经济", "急救医学（上）");
    /** The paging kinds, as mapping files name them. */
    static final List<String> KINDS = List.of("PAGE_NUMBER", "OFFSET_LIMIT", "NEXT_TOKEN", "DAILY_FILE");

    /** One version of a record, as the platform holds it at some moment. */
    record Version(String id, String idNumber, String name, String course, boolean publicSubject, BigDecimal hours,
                   LocalDate completed, Instant updatedAt, boolean withdrawn, boolean timed) {

        LocalDateTime updatedAtOrNull() {
            return timed ? updatedAtHere() : null;
        }

        LocalDateTime updatedAtHere() {
            return LocalDateTime.ofInstant(updatedAt, SHANGHAI);
        }
    }

    /** A record: its versions in pass 1 (index = age), the copies of each pass as version indexes, and its pass-2 change. */
    record RecordSpec(int n, int versions, List<Integer> copies1, int change2, List<Integer> copies2) {
    }

    /**
     * How the platform pages: its kind (an index of {@link #KINDS}), whether its pages say the
     * total, whether it filters by an updated-since cursor (and looks back ten minutes), the first
     * page's number, how its last page ends a token chain (0 no token, 1 an empty one, 2 a token
     * naming an empty page), how a day file's date is written.
     */
    record Paging(int kind, boolean total, boolean cursor, boolean lookback, int first, int tokenEnd, int dayFormat) {
    }

    /** A page as the platform answers it, and the copies it holds. */
    record Answer(String body, List<Version> copies) {

        int items() {
            return copies.size();
        }
    }

    boolean csv() {
        return format.equals("CSV");
    }

    boolean xml() {
        return format.equals("XML");
    }

    String kind() {
        return KINDS.get(paging.kind());
    }

    boolean daily() {
        return kind().equals("DAILY_FILE");
    }

    /** A CSV file has no envelope to hold a total or a token. */
    boolean totals() {
        return paging.total() && !csv();
    }

    /** Amounts in 学分: each counts for five hours, and completions are of 2015–2019. */
    boolean credits() {
        return hoursStyle == 6;
    }

    boolean timed() {
        return updateFormat < UPDATE_FORMATS.size();
    }

    /** An updated-since filter needs update times to filter by. */
    boolean cursor() {
        return paging.cursor() && timed();
    }

    boolean states() {
        return stateCodes < STATE_CODES.size();
    }

    /**
     * Version {@code v} of record {@code r} (pass 2 has one more version: index versions). A pass-2
     * version was made after pass 1 ended, so its update time is later than any of pass 1's.
     */
    Version version(RecordSpec r, int v) {
        String first17 = "370102" + LocalDate.of(1960, 1, 1).plusDays(r.n() * 37L).toString().replace("-", "")
                + String.format("%03d", r.n() % 1000);
        boolean newest2 = v == r.versions();
        BigDecimal hours = new BigDecimal(List.of("1", "1.5", "2", "2.5", "6", "10").get(r.n() % 6)).add(BigDecimal.valueOf(v));
        boolean withdrawn = newest2 && r.change2() == 2 && states();
        if (newest2 && r.change2() == 1) {
            hours = hours.add(new BigDecimal("0.5"));
        }
        Instant pass1 = daily() ? TODAY.minusDays(5).atStartOfDay(SHANGHAI).toInstant() : Instant.parse("2025-03-01T02:00:00Z");
        Instant pass2 = daily() ? TODAY.minusDays(1).atStartOfDay(SHANGHAI).toInstant() : Instant.parse("2025-06-01T02:00:00Z");
        Instant updated = newest2 ? pass2.plusSeconds(r.n() * 60L) : pass1.plusSeconds(r.n() * 600L + v * 61L);
        return new Version("R" + r.n(), first17 + IdNumber.checkCharacter(first17), NAMES.get(r.n() % NAMES.size()),
                COURSES.get(r.n() % COURSES.size()) + r.n(), r.n() % 2 == 0, hours,
                LocalDate.of(credits() ? 2015 : 2020, 1, 1).plusDays(r.n() * 97L % 1800), updated, withdrawn, timed());
    }

    /** The copies of a pass, as (record, version), in the order the platform sends them: by day where it sends a file a day. */
    List<Version> copies(int pass) {
        List<Version> all = new ArrayList<>();
        for (RecordSpec r : records) {
            for (int v : pass == 1 ? r.copies1() : r.copies2()) {
                all.add(version(r, v));
            }
        }
        Collections.shuffle(all, new Random(orderSeed + pass));
        if (daily()) {
            all.sort(Comparator.comparing(v -> day(v)));
        }
        return all;
    }

    private static LocalDate day(Version v) {
        return v.updatedAtHere().toLocalDate();
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

    // ---------------------------------------------------------------- how the platform answers

    /**
     * The page a request of pass {@code pass} asks for, by its query as the platform reads it: the
     * updated-since filter in the platform's own format, then the paging parameters of its kind. A
     * query the platform cannot read is an {@link IllegalArgumentException} (the server's 400).
     */
    Answer answer(int pass, Map<String, String> query) {
        String since = query.get("since");
        if (since != null && (!cursor() || daily())) {
            throw new IllegalArgumentException("this platform has no updated-since filter, yet was sent since=" + since);
        }
        return answer(pass, query, since == null ? null : readSince(since));
    }

    private Answer answer(int pass, Map<String, String> query, LocalDateTime since) {
        List<Version> all = copies(pass);
        if (daily()) {
            String day = required(query, "day");
            LocalDate date = LocalDate.parse(day, DateTimeFormatter.ofPattern(DAY_FORMATS.get(paging.dayFormat())));
            List<Version> file = all.stream().filter(v -> day(v).equals(date)).toList();
            return new Answer(page(file, (long) file.size(), null), file);
        }
        if (since != null) {
            all = all.stream().filter(v -> !v.updatedAtHere().isBefore(since)).toList();
        }
        int offset;
        int size;
        switch (kind()) {
            case "PAGE_NUMBER" -> {
                size = Integer.parseInt(required(query, "size"));
                offset = (Integer.parseInt(required(query, "page")) - paging.first()) * size;
            }
            case "OFFSET_LIMIT" -> {
                size = Integer.parseInt(required(query, "limit"));
                offset = Integer.parseInt(required(query, "offset"));
            }
            default -> {
                size = Integer.parseInt(required(query, "size"));
                String token = query.get("cursor");
                offset = token == null ? 0 : Integer.parseInt(token.substring(1));
            }
        }
        if (offset < 0 || size != pageSize) {
            throw new IllegalArgumentException("asked for offset " + offset + " and size " + size + ", pages are of " + pageSize);
        }
        List<Version> items = all.subList(Math.min(all.size(), offset), Math.min(all.size(), offset + size));
        String next = null;
        if (kind().equals("NEXT_TOKEN")) {
            int after = offset + items.size();
            boolean more = after < all.size();
            next = more || paging.tokenEnd() == 2 && !items.isEmpty() ? "t" + after : paging.tokenEnd() == 1 ? "" : null;
        }
        return new Answer(page(items, (long) all.size(), next), items);
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the query lacks " + name + ": " + query);
        }
        return value;
    }

    /** The updated-since value read as the platform reads it, independently of the service's parsers. */
    LocalDateTime readSince(String text) {
        String pattern = UPDATE_FORMATS.get(updateFormat);
        Instant at;
        if (pattern.equals("epochMillis")) {
            at = Instant.ofEpochMilli(Long.parseLong(text));
        } else if (pattern.equals("epochSeconds")) {
            at = Instant.ofEpochSecond(Long.parseLong(text));
        } else {
            TemporalAccessor read = DateTimeFormatter.ofPattern(pattern).parse(text);
            ZoneId zone = read.query(TemporalQueries.zone());
            LocalDateTime local = LocalDateTime.from(read);
            at = local.atZone(zone != null ? zone : pattern.contains("'Z'") ? ZoneOffset.UTC : SHANGHAI).toInstant();
        }
        return LocalDateTime.ofInstant(at, SHANGHAI);
    }

    /**
     * The pages of a whole pass (no updated-since filter), as the platform sends them to a client
     * that pages as its mapping says: for the printout, and for the suites that read pages
     * without HTTP.
     */
    List<String> pages(int pass) {
        return served(pass, null).stream().map(Answer::body).toList();
    }

    /** The pages of a pass from {@code since} (null: from the start), as a client paging as the mapping says gets them. */
    List<Answer> served(int pass, LocalDateTime since) {
        List<Answer> pages = new ArrayList<>();
        if (daily()) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(DAY_FORMATS.get(paging.dayFormat()));
            LocalDate from = since == null ? TODAY.minusDays(5) : since.toLocalDate();
            for (LocalDate d = from; !d.isAfter(TODAY); d = d.plusDays(1)) {
                pages.add(answer(pass, Map.of("day", d.format(f)), null));
            }
            return pages;
        }
        String token = null;
        for (int page = 0; ; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            switch (kind()) {
                case "PAGE_NUMBER" -> {
                    query.put("page", Integer.toString(paging.first() + page));
                    query.put("size", Integer.toString(pageSize));
                }
                case "OFFSET_LIMIT" -> {
                    query.put("offset", Integer.toString(page * pageSize));
                    query.put("limit", Integer.toString(pageSize));
                }
                default -> {
                    query.put("size", Integer.toString(pageSize));
                    if (token != null) {
                        query.put("cursor", token);
                    }
                }
            }
            Answer answer = answer(pass, query, since);
            pages.add(answer);
            long total = copies(pass).stream().filter(v -> since == null || !v.updatedAtHere().isBefore(since)).count();
            int seen = (page + 1) * pageSize;
            if (kind().equals("NEXT_TOKEN")) {
                token = nextToken(answer.body());
                if (token == null || token.isEmpty()) {
                    return pages;
                }
            } else if (answer.items() < pageSize || totals() && seen >= total) {
                return pages;
            }
        }
    }

    /**
     * Whether a pass sends the very same page twice in a row: the same copies, in the same order.
     * The service cannot tell that from a platform that ignores the page asked for, and stops it
     * (PAGE_REPEATED) by design, so the platforms generated do not do it.
     */
    boolean sendsAPageTwice() {
        LocalDateTime since2 = null;
        if (cursor()) {
            since2 = copies(1).stream().map(Version::updatedAtHere).max(Comparator.naturalOrder()).orElseThrow();
            since2 = paging.lookback() ? since2.minusMinutes(10) : since2;
        }
        for (List<Answer> pass : List.of(served(1, null), served(2, since2))) {
            for (int i = 1; i < pass.size(); i++) {
                if (!pass.get(i).copies().isEmpty() && pass.get(i).copies().equals(pass.get(i - 1).copies())) {
                    return true;
                }
            }
        }
        return false;
    }

    private String nextToken(String body) {
        String open = xml() ? "<next>" : "\"next\":\"";
        int at = body.indexOf(open);
        return at < 0 ? null : body.substring(at + open.length(), body.indexOf(xml() ? "</next>" : "\"", at + open.length()));
    }

    // ---------------------------------------------------------------- how the platform writes

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

    /** The mapping file, its base URL given: the address of the server that plays the platform. */
    String mappingFile(String baseUrl) {
        String subjectPath = attributes && xml() ? path("course") + ".type" : path(kSubject());
        String coursePath = attributes && xml() ? path("course") + "#text" : path(kCourse());
        List<String> subject = SUBJECT_CODES.get(subjectCodes);
        StringBuilder m = new StringBuilder();
        m.append("# generated: ").append(format).append(", depth ").append(depth).append(", ").append(kind())
                .append(" pages of ").append(pageSize).append(totals() ? " with a total" : "")
                .append(cursor() ? ", updated-since cursor" : "").append('\n');
        m.append("id: ").append(ID).append("\nname: 生成的平台\ncityCode: \"370100\"\nschedule: \"0 0 3 * * ?\"\n");
        m.append("request:\n  baseUrl: ").append(baseUrl).append("\n  path: /records\n  paging:\n    type: ").append(kind())
                .append('\n');
        switch (kind()) {
            case "PAGE_NUMBER" -> m.append("    pageParam: page\n    sizeParam: size\n    size: ").append(pageSize)
                    .append("\n    first: ").append(paging.first()).append('\n');
            case "OFFSET_LIMIT" -> m.append("    offsetParam: offset\n    limitParam: limit\n    size: ").append(pageSize)
                    .append('\n');
            case "NEXT_TOKEN" -> m.append("    tokenParam: cursor\n    tokenPath: ").append(xml() ? "next" : "data.next")
                    .append("\n    sizeParam: size\n    size: ").append(pageSize).append('\n');
            default -> m.append("    dateParam: day\n    dateFormat: \"").append(DAY_FORMATS.get(paging.dayFormat()))
                    .append("\"\n    firstDate: \"").append(TODAY.minusDays(5)).append("\"\n");
        }
        if (cursor()) {
            m.append("  cursor:\n").append(daily() ? "" : "    param: since\n").append("    field: \"").append(path(kUpdated()))
                    .append("\"\n    format: \"").append(UPDATE_FORMATS.get(updateFormat)).append("\"\n")
                    .append(paging.lookback() ? "    lookback: PT10M\n" : "");
        }
        m.append("response:\n  format: ").append(format).append('\n');
        if (!csv()) {
            m.append("  items: ").append(xml() ? "records.record" : "data.list").append('\n');
            if (totals()) {
                m.append("  total: ").append(xml() ? "total" : "data.total").append('\n');
            }
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

    private String page(List<Version> items, Long total, String next) {
        StringBuilder out = new StringBuilder();
        if (csv()) {
            List<String> keys = fieldKeys();
            out.append(bom ? "\uFEFF" : "").append(String.join(",", keys.stream().map(GeneratedPlatform::cell).toList())).append("\r\n");
            for (Version v : items) {
                Map<String, String> f = fields(v);
                out.append(String.join(",", keys.stream().map(k -> cell(f.get(k))).toList())).append("\r\n");
            }
            return out.toString();
        }
        if (xml()) {
            out.append("<resp><code>0</code>");
            if (totals()) {
                out.append("<total>").append(total).append("</total>");
            }
            if (next != null) {
                out.append("<next>").append(next).append("</next>");
            }
            out.append("<records>");
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
        out.append("{\"code\":0,\"data\":{");
        if (totals()) {
            out.append("\"total\":").append(total).append(',');
        }
        if (next != null) {
            out.append("\"next\":").append(quoted(next)).append(',');
        }
        out.append("\"list\":[");
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
            default -> DateTimeFormatter.ofPattern(format).format(ZonedDateTime.ofInstant(at, zone));
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

    /** The platform as a mapping file and the pages of each pass: what a fixture is made of. */
    String printed(String baseUrl) {
        StringBuilder s = new StringBuilder("\n--- mappings/" + ID + ".mapping.yaml ---\n").append(mappingFile(baseUrl));
        for (int pass = 1; pass <= 2; pass++) {
            List<String> pages = pages(pass);
            for (int i = 0; i < pages.size(); i++) {
                s.append("--- pass ").append(pass).append(", page ").append(i + 1).append(" ---\n").append(pages.get(i))
                        .append('\n');
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return printed("http://localhost");
    }

    // ---------------------------------------------------------------- generators

    static Arbitrary<GeneratedPlatform> arbitrary() {
        Arbitrary<String> format = Arbitraries.of("JSON", "XML", "CSV");
        Arbitrary<Integer> depth = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> flags = Arbitraries.of(false, true);
        Arbitrary<Integer> updateFormat = Arbitraries.integers().between(0, UPDATE_FORMATS.size());
        Arbitrary<Integer> writeZone = Arbitraries.integers().between(0, WRITE_ZONES.size() - 1);
        Arbitrary<Integer> completionFormat = Arbitraries.integers().between(0, COMPLETION_FORMATS.size() - 1);
        Arbitrary<Integer> hoursStyle = Arbitraries.integers().between(0, 6);
        Arbitrary<Integer> subjectCodes = Arbitraries.integers().between(0, SUBJECT_CODES.size() - 1);
        Arbitrary<Integer> stateCodes = Arbitraries.integers().between(0, STATE_CODES.size());
        // pages of a size that cuts a pass into 1–4 pages (and an empty one where the last is full)
        Arbitrary<Integer> pages = Arbitraries.integers().between(1, 4);
        Arbitrary<List<RecordSpec>> records = record().list().ofMinSize(1).ofMaxSize(8)
                .uniqueElements(RecordSpec::n);
        Arbitrary<Long> seed = Arbitraries.longs().between(0, 1_000_000);
        Arbitrary<Paging> paging = Combinators.combine(Arbitraries.integers().between(0, KINDS.size() - 1), flags, flags, flags,
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, DAY_FORMATS.size() - 1)).as(Paging::new);

        Arbitrary<Object[]> shape = Combinators.combine(format, depth, flags, flags, updateFormat, writeZone, completionFormat,
                hoursStyle).as((f, d, odd, attributes, u, z, c, h) -> new Object[] {f, d, odd, attributes, u, z, c, h});
        return Combinators.combine(shape, subjectCodes, stateCodes, pages, flags, records, seed, paging)
                .as((s, subject, state, n, bom, rs, sd, p) -> new GeneratedPlatform((String) s[0], (Integer) s[1],
                        (Boolean) s[2], (Boolean) s[3], (Integer) s[4], (Integer) s[5], (Integer) s[6], (Integer) s[7], subject,
                        state, pageSize(rs, n), bom, rs, sd,
                        // a CSV file has no envelope to name the next page's token in
                        s[0].equals("CSV") && p.kind() == 2 ? new Paging(0, p.total(), p.cursor(), p.lookback(), p.first(),
                                p.tokenEnd(), p.dayFormat()) : p))
                .filter(p -> !p.sendsAPageTwice());
    }

    private static int pageSize(List<RecordSpec> records, int pages) {
        int copies = Math.max(records.stream().mapToInt(r -> r.copies1().size()).sum(),
                records.stream().mapToInt(r -> r.copies2().size()).sum());
        return (copies + pages - 1) / pages;
    }

    /**
     * A record with 1–3 versions in pass 1 sent as 1–4 copies (the newest at least once), and a
     * pass-2 change (0 none, 1 hours corrected, 2 withdrawn) sent with stale copies around it.
     */
    private static Arbitrary<RecordSpec> record() {
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
