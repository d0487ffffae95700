package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.compliance.ComplianceReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo's world synced whole, every platform at once, and the bureaus' compliance report of
 * each city against the simulators' ground truth (/sim/expected): the people study as real ones
 * do, so a closed year is mostly met, and the report's met counts are those the rules give for
 * what the platforms sent. The demo's seed at a quarter of its people, on H2.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:chsync-demo-world;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "sync.simulators.people=100",
})
class DemoWorldOnH2IT extends EndToEnd {

    private static final List<String> CITIES = List.of("370600", "370700", "371000", "371600");

    @Autowired
    ComplianceReport report;

    @Test
    void eachCitysComplianceReportMeetsAsTheGroundTruthSaysMostPeopleInAClosedYear() {
        List<JsonNode> runs = syncAllToTheEnd();
        runs.forEach(run -> assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED"));
        awaitOutboxDrained();
        JsonNode expected = get("/sim/expected").path("compliance");

        assertThat(expected.size()).isEqualTo(CITIES.size());
        List<String> seen = new ArrayList<>();
        Set<String> closedYearRates = new HashSet<>();
        for (String city : CITIES) {
            StringBuilder cityRates = new StringBuilder();
            for (int year = 2023; year <= 2026; year++) {
                JsonNode truth = expected.path(city).path(String.valueOf(year));
                int[] counts = new int[2];
                List<ComplianceReport.EmployerSummary> employers = report.run(city, year, null, true, line -> {
                    counts[0]++;
                    counts[1] += line.met() ? 1 : 0;
                });
                double rate = 100.0 * counts[1] / counts[0];
                seen.add(city + " " + year + ": " + counts[1] + "/" + counts[0] + String.format(" %.1f %%", rate));

                assertThat(counts[0]).as(city + " " + year + " people").isEqualTo(truth.path("people").asInt());
                assertThat(counts[1]).as(city + " " + year + " met").isEqualTo(truth.path("met").asInt());
                if (year == 2024 || year == 2025) {
                    assertThat(rate).as(city + " " + year + " met rate").isBetween(60.0, 90.0);
                    cityRates.append(String.format("%.1f ", rate));
                    // the employers of a city do not all meet alike
                    assertThat(employers.stream().map(ComplianceReport.EmployerSummary::rate).map(BigDecimal::stripTrailingZeros)
                            .distinct().count()).as(city + " " + year + " employers' rates").isGreaterThan(1);
                }
                if (year == 2026) {
                    // the year in progress: people have rows, fewer of them have met it yet than in a closed year
                    assertThat(counts[0]).as(city + " 2026 people").isPositive();
                    assertThat(rate).as(city + " 2026 met rate").isLessThan(60.0);
                }
            }
            closedYearRates.add(cityRates.toString());
        }
        // no two cities' closed years come out alike
        assertThat(closedYearRates).as(String.join("; ", seen)).hasSize(CITIES.size());
    }
}
