package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.dedupe.PageClassifier;
import cn.shandong.chsync.dedupe.PageClassifier.StoredCopy;
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
 * a fixture. The same platforms served over HTTP and synced into the database and the province
 * are GeneratedPlatformsSyncIT's.
 */
class GeneratedPlatformsTest {

    private static final AtomicInteger PLATFORMS = new AtomicInteger();
    private static final ZoneId SHANGHAI = GeneratedPlatform.SHANGHAI;
    // the wall clock: platforms that send a file a day hold records of the days just past
    private static final Clock CLOCK = Clock.system(SHANGHAI);
    private static final RecordValidator VALIDATOR = new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019, CLOCK);

    @Property(tries = 500)
    void whatTheEngineStoresEqualsTheGeneratorsTruthAfterTwoPasses(@ForAll("platforms") GeneratedPlatform platform) throws IOException {
        PLATFORMS.incrementAndGet();
        Path dir = Files.createTempDirectory("chsync-generated-");
        try {
            Path file = dir.resolve(GeneratedPlatform.ID + MappingLoader.SUFFIX);
            Files.writeString(file, platform.mappingFile("http://localhost"));
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

        Counts pass(GeneratedPlatform platform, int pass) {
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

        private Map<String, StoredCopy> known(List<MappedRecord> items, int pass) {
            Map<String, StoredCopy> known = new HashMap<>();
            for (MappedRecord item : items) {
                Lineage l = lineage.get(item.sourceRecordId());
                if (l != null) {
                    known.put(item.sourceRecordId(), new StoredCopy(l.completionKey(), l.fingerprint(), l.revision(), l.primary(),
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

        void assertHolds(Map<String, GeneratedPlatform.Version> truth, boolean credits) {
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

    @Provide
    Arbitrary<GeneratedPlatform> platforms() {
        return GeneratedPlatform.arbitrary();
    }
}
