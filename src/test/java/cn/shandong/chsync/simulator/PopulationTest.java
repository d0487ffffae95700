package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.compliance.ComplianceRules;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.mapping.MappingLoader;
import cn.shandong.chsync.mapping.RecordMapper;
import cn.shandong.chsync.record.EmployerCode;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.RecordValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopulationTest {

    /** The day the world is made on: the validator below refuses what is dated after it. */
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    private static final Population WORLD = new Population(20241231L, 400, Population.Shape.STANDARD, TODAY);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        Population again = new Population(20241231L, 400, Population.Shape.STANDARD, TODAY);
        Population other = new Population(7L, 400, Population.Shape.STANDARD, TODAY);

        assertThat(again.versions()).isEqualTo(WORLD.versions());
        assertThat(other.versions().get(0).fields()).isNotEqualTo(WORLD.versions().get(0).fields());
    }

    @Test
    void peopleAndEmployersCarryValidCheckCharacters() {
        for (SimRecord r : WORLD.versions()) {
            if (r.valid()) {
                assertThat(IdNumber.check((String) r.fields().get("sfzh")).valid()).as(r.recordId()).isTrue();
            }
            assertThat(EmployerCode.problem((String) r.fields().get("tyshxydm"))).as(r.recordId()).isNull();
        }
        long endingInX = WORLD.versions().stream().filter(SimRecord::valid)
                .filter(r -> ((String) r.fields().get("sfzh")).strip().toUpperCase().endsWith("X")).count();
        assertThat(endingInX).isPositive();
    }

    @Test
    void eachPlatformsShippedMappingJudgesItsRecordsAsTheGroundTruthSays() throws Exception {
        RecordValidator validator = new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019,
                Clock.fixed(Instant.parse("2026-06-30T00:00:00Z"), ZoneId.of("Asia/Shanghai")));
        MappingLoader loader = new MappingLoader(t -> t.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1"));
        for (PlatformSpec platform : WORLD.platforms()) {
            RecordMapper mapper = new RecordMapper(loader.load(Path.of("mappings/" + platform.id() + ".mapping.yaml")),
                    new BigDecimal("5"), validator);
            for (SimRecord r : WORLD.versions().stream().filter(v -> v.sourceId().equals(platform.id())).toList()) {
                // as the platform's vendor writes it, every value a string as XML and CSV carry it
                JsonNode item = json.valueToTree(platform.vendor().render(r.fields()));
                MappedRecord mapped = mapper.map(item);
                if (r.valid()) {
                    assertThat(mapped.violations()).as(platform.id() + " " + r.recordId()).isEmpty();
                    assertThat(mapped.record().state().name()).isEqualTo(r.revoked() ? "REVOKED" : "ACTIVE");
                } else {
                    assertThat(mapped.violations()).as(platform.id() + " " + r.recordId())
                            .extracting(v -> v.code()).first().isEqualTo(r.badReason());
                }
            }
        }
    }

    @Test
    void theComplianceCasesAreAddedAfterTheGeneratedWorldAndMapCleanly() throws Exception {
        Population withCases = new Population(20241231L, 400, new Population.Shape(Platforms.ALL, 0, null, true), TODAY);

        // the generated world is untouched: the same versions, then the cases
        List<SimRecord> all = withCases.versions();
        assertThat(all.subList(0, WORLD.versions().size())).isEqualTo(WORLD.versions());
        List<SimRecord> cases = all.subList(WORLD.versions().size(), all.size());
        assertThat(cases).hasSize(ComplianceCases.make(LocalDateTime.of(2026, 6, 10, 9, 0)).records().size());
        // and each maps as a valid record of its platform, in the unit and kind the notices' rules read
        RecordValidator validator = new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019,
                Clock.fixed(Instant.parse("2026-06-30T00:00:00Z"), ZoneId.of("Asia/Shanghai")));
        MappingLoader loader = new MappingLoader(t -> t.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1"));
        List<String> mapped = new ArrayList<>();
        for (SimRecord r : cases) {
            PlatformSpec platform = Platforms.find(r.sourceId());
            RecordMapper mapper = new RecordMapper(loader.load(Path.of("mappings/" + platform.id() + ".mapping.yaml")),
                    new BigDecimal("5"), validator);
            MappedRecord m = mapper.map(json.valueToTree(platform.vendor().render(r.fields())));
            assertThat(m.violations()).as(r.recordId()).isEmpty();
            assertThat(withCases.truthOf(m.record().idNumber(), m.record().courseName(), m.record().completionDate().toString()))
                    .isEqualTo(r.trueCompletion());
            mapped.add(m.record().courseName() + " " + m.record().kind() + " " + m.record().unit() + " "
                    + m.record().hours().stripTrailingZeros().toPlainString());
        }
        assertThat(mapped).contains("学习强国积分 CONVERTED POINTS 0", "学习强国积分折算 CONVERTED HOURS 5",
                "专业课·学科教学 TRAINING CREDITS 55", "自学·果树栽培技术规范 SELF_STUDY HOURS 20",
                "论文《苹果矮化密植》 CONVERTED_WORKS HOURS 40");
    }

    @Test
    void mostPeopleOfEachCityMeetAClosedYearAndNoTwoCitiesAlike() throws Exception {
        ComplianceRules rules;
        try (var in = new java.io.FileInputStream("src/main/resources/compliance-rules.yaml")) {
            rules = ComplianceRules.load(in, "compliance-rules.yaml");
        }
        var truth = ComplianceTruth.of(new Platform(WORLD).visible(1), rules, 2023, Population.CURRENT_YEAR);

        assertThat(truth).containsOnlyKeys("370600", "370700", "371000", "371600");
        Set<String> closedYears = new HashSet<>();
        truth.forEach((city, years) -> {
            StringBuilder rates = new StringBuilder();
            for (int year = 2023; year < Population.CURRENT_YEAR; year++) {
                ComplianceTruth.Count c = years.get(year);
                assertThat(c.people()).as(city + " " + year).isEqualTo(400);
                assertThat(100.0 * c.met() / c.people()).as(city + " " + year).isBetween(65.0, 85.0);
                rates.append(c.met()).append(' ');
            }
            closedYears.add(rates.toString());
            // half a year in, few have done the whole year's study yet
            ComplianceTruth.Count current = years.get(Population.CURRENT_YEAR);
            assertThat(current.people()).as(city).isPositive();
            assertThat(100.0 * current.met() / current.people()).as(city).isLessThan(40.0);
        });
        assertThat(closedYears).hasSize(4);
    }

    @Test
    void theCurrentYearRunsToAFewDaysBeforeTodayItsLastWeeksArrivingInEpochTwo() {
        List<LocalDate> firstEpoch = completionDates(1);
        List<LocalDate> secondEpoch = completionDates(2);

        // epoch 2 begins three weeks before today; epoch 1 holds what was completed before it
        assertThat(firstEpoch).isNotEmpty().allSatisfy(d -> assertThat(d).isBefore(TODAY.minusDays(21)));
        assertThat(secondEpoch).isNotEmpty().allSatisfy(d -> assertThat(d).isBefore(TODAY.minusDays(4)));
        assertThat(firstEpoch.stream().filter(d -> d.getMonthValue() == 1)).isNotEmpty();
    }

    private static List<LocalDate> completionDates(int epoch) {
        return WORLD.versions().stream().filter(v -> v.valid() && v.epoch() == epoch)
                .map(v -> LocalDateTime.parse((String) v.fields().get("hgsj"), Population.TIME).toLocalDate())
                .filter(d -> d.getYear() == Population.CURRENT_YEAR).toList();
    }

    @Test
    void everyKindOfBadRecordAppearsAtLeastTwice() {
        Expected e = Expected.of(new Platform(WORLD).visible(1));

        assertThat(e.badRecordsByReason()).containsOnlyKeys(Population.BAD_KINDS.stream().map(Enum::name).toList());
        assertThat(e.badRecordsByReason().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    @Test
    void theGroundTruthAddsUpToTheRecordsShown() {
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<SimRecord> visible = new Platform(WORLD).visible(epoch);
            Expected e = Expected.of(visible);
            Set<String> truths = new HashSet<>();
            int valid = 0;
            for (SimRecord r : visible) {
                if (r.valid()) {
                    valid++;
                    truths.add(r.trueCompletion());
                }
            }
            assertThat(e.validCompletions() + e.revocations() + e.provinceRejected()).isEqualTo(truths.size());
            assertThat(e.validCompletions() + e.revocations() + e.provinceRejected() + e.crossSourceDuplicates())
                    .isEqualTo(valid);
            assertThat(e.badRecords()).isEqualTo(visible.size() - valid);
            assertThat(e.crossSourceDuplicates()).isPositive();
            assertThat(e.provinceRejected()).isPositive();
        }
        assertThat(Expected.of(new Platform(WORLD).visible(1)).revisions()).isZero();
        assertThat(Expected.of(new Platform(WORLD).visible(2)).revisions()).isPositive();
        assertThat(Expected.of(new Platform(WORLD).visible(2)).revocations()).isPositive();
    }

    @Test
    void epochTwoAddsLateArrivalsInsideTheLookBackAndEverythingElseAfterTheFirstEpoch() {
        for (PlatformSpec platform : WORLD.platforms()) {
            LocalDateTime newest = WORLD.versions().stream().filter(v -> v.epoch() == 1 && v.sourceId().equals(platform.id()))
                    .map(SimRecord::updatedAt).max(LocalDateTime::compareTo).orElseThrow();
            List<SimRecord> late = WORLD.versions().stream()
                    .filter(v -> v.epoch() == 2 && v.sourceId().equals(platform.id()) && !v.updatedAt().isAfter(newest))
                    .toList();
            // two records a first pass could not have seen, stamped within ten minutes before its high-water mark
            assertThat(late).as(platform.id()).hasSize(2).allSatisfy(v -> {
                assertThat(v.updatedAt()).isAfterOrEqualTo(newest.minusMinutes(10));
                assertThat(v.updatedAt().toLocalDate()).isEqualTo(newest.toLocalDate());
            });
        }
    }

    @Test
    void pagesConcatenateToEveryVisibleRecordOnceInOrder() {
        Platform platform = new Platform(WORLD);
        LocalDateTime since = LocalDateTime.of(2024, 6, 1, 0, 0);
        List<SimRecord> paged = new ArrayList<>();
        Platform.Page page;
        int pageNo = 1;
        do {
            page = platform.page("sdbz", 2, since, pageNo++, 333);
            paged.addAll(page.records());
        } while (!page.records().isEmpty());

        List<SimRecord> expected = platform.visible("sdbz", 2).stream().filter(r -> !r.updatedAt().isBefore(since)).toList();
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(page.total()).isEqualTo(expected.size());
    }

    @Test
    void aRecordIsRenderedOncePerEpochWhicheverPagesShowIt() {
        Platform platform = new Platform(WORLD);
        List<SimRecord> rendered = new ArrayList<>();
        java.util.function.Function<SimRecord, String> render = r -> {
            rendered.add(r);
            return r.recordId() + "@" + r.epoch();
        };

        Platform.Page first = platform.page("sdbz", 2, null, 1, 50);
        Platform.Page overlapping = platform.slice("sdbz", 2, null, 25, 50);
        List<String> firstTexts = first.rendered(render);
        List<String> overlappingTexts = overlapping.rendered(render);
        List<String> again = platform.page("sdbz", 2, null, 1, 50).rendered(render);

        assertThat(firstTexts).containsExactlyElementsOf(first.records().stream().map(r -> r.recordId() + "@" + r.epoch()).toList());
        assertThat(overlappingTexts).containsExactlyElementsOf(
                overlapping.records().stream().map(r -> r.recordId() + "@" + r.epoch()).toList());
        assertThat(again).isEqualTo(firstTexts);
        // records 1-50, then 51-75 of the overlapping page: each once
        assertThat(rendered).containsExactlyElementsOf(platform.visible("sdbz", 2).subList(0, 75));
        // another epoch's view renders its own
        platform.page("sdbz", 1, null, 1, 10).rendered(render);
        assertThat(rendered).hasSize(85);
    }

    @Test
    void aSecondPlatformReportsEveryCompletionItTeachesWhenAskedForAllOfThem() {
        // Binzhou's platform and a provincial public-course platform, every completion reported twice where it can be
        Population world = new Population(20241231L, 60,
                new Population.Shape(List.of(Platforms.find("sdbz"), Platforms.find("zjzd")), 100, null), TODAY);
        List<SimRecord> epochOne = world.versions().stream().filter(v -> v.epoch() == 1 && v.valid()).toList();
        java.util.Map<String, List<SimRecord>> byCompletion = epochOne.stream()
                .collect(java.util.stream.Collectors.groupingBy(SimRecord::trueCompletion));

        // a public course Binzhou reports is reported by the provincial platform too (or first), once, with the
        // same person, course and date under a record id of its own; a professional one cannot be (zjzd teaches none)
        List<SimRecord> binzhou = epochOne.stream().filter(v -> v.sourceId().equals("sdbz") && v.recordId().startsWith("BZ")).toList();
        assertThat(binzhou).isNotEmpty();
        for (SimRecord record : binzhou) {
            List<SimRecord> copies = byCompletion.get(record.trueCompletion()).stream()
                    .filter(v -> v.sourceId().equals("zjzd")).toList();
            if ("1".equals(record.fields().get("kclb"))) {
                assertThat(copies).as(record.recordId()).hasSize(1);
                SimRecord copy = copies.get(0);
                assertThat(copy.recordId()).startsWith("ZD");
                assertThat(copy.fields().get("sfzh")).isEqualTo(record.fields().get("sfzh"));
                assertThat(copy.fields().get("kcmc")).isEqualTo(record.fields().get("kcmc"));
                assertThat(copy.fields().get("hgsj")).isEqualTo(record.fields().get("hgsj"));
            } else {
                assertThat(copies).as(record.recordId()).isEmpty();
            }
        }
        // and no platform outside the shape has records
        assertThat(world.versions()).allSatisfy(v -> assertThat(v.sourceId()).isIn("sdbz", "zjzd"));
    }

    @Test
    void epochTwoAsAShareChangesAboutThatShareOfEpochOneAndAddsNothing() {
        Population world = new Population(20241231L, 400, new Population.Shape(Platforms.ALL, 0, 2.0), TODAY);
        List<SimRecord> first = world.versions().stream().filter(v -> v.epoch() == 1).toList();
        List<SimRecord> second = world.versions().stream().filter(v -> v.epoch() == 2).toList();
        java.util.Set<String> firstIds = new java.util.HashSet<>();
        first.forEach(v -> firstIds.add(v.sourceId() + '/' + v.recordId()));

        // every epoch-2 version is a later version of an epoch-1 record: re-sent or corrected, nothing new
        assertThat(second).allSatisfy(v -> assertThat(firstIds).contains(v.sourceId() + '/' + v.recordId()));
        assertThat(second).noneMatch(SimRecord::revoked);
        assertThat(second).anyMatch(SimRecord::correction).anyMatch(v -> !v.correction());
        // 2 % of the first state, within what chance allows (about ±4 standard deviations)
        double expected = first.size() * 0.02;
        assertThat((double) second.size()).isBetween(expected - 4 * Math.sqrt(expected), expected + 4 * Math.sqrt(expected));
    }

    @Test
    void aPlatformNamedInTheShapeThatIsNotSimulatedIsRefusedByName() {
        SimulatorProperties properties = new SimulatorProperties(true, 1L, 10, List.of("sdbz", "nosuch"), 0, null, false,
                java.util.Map.of(), "secret", java.time.Duration.ofMinutes(5));

        org.assertj.core.api.Assertions.assertThatThrownBy(properties::shape)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sync.simulators.platforms names no simulated platform [nosuch]");
    }
}
