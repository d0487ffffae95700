package cn.shandong.chsync.console;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.Texts;
import cn.shandong.chsync.compliance.ComplianceReport;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.SignedIn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The bureaus' compliance view of a city and year (optionally one employer): how many people,
 * how many met the year's requirement, each employer's rate, the first people of the list, and
 * the report itself to download (GET /api/reports/compliance, XLSX or CSV). The numbers are the
 * report's own: the same pass over the year's records that writes the file.
 */
@Hidden
@Controller
@RequestMapping("/console/compliance")
class CompliancePage {

    /** People shown on the page; the rest are in the download. */
    static final int PREVIEW = 50;

    private final ComplianceReport report;

    private final Texts texts;

    CompliancePage(ComplianceReport report, Texts texts) {
        this.report = report;
        this.texts = texts;
    }

    /** met counts the province's accepted hours; metWithPending who would meet it once the hours on their way arrive. */
    record Summary(int people, int met, int metWithPending, List<ComplianceReport.EmployerSummary> employers,
                   List<ComplianceReport.Line> preview) {

        public int notMet() {
            return people - met;
        }

        public String rate() {
            return people == 0 ? "0.0" : String.format("%.1f", met * 100.0 / people);
        }
    }

    @GetMapping
    String view(@RequestParam(required = false) String city, @RequestParam(required = false) Integer year,
                @RequestParam(required = false) String employer, Model model) {
        int shown = year != null ? year : LocalDate.now(CreditRecord.ZONE).getYear() - 1;
        String company = RunsPage.blankToNull(employer);
        // a bureau sees its own city, as the API's report gives it no other
        Optional<String> own = SignedIn.city();
        if (own.isPresent() && (city == null || city.isBlank())) {
            city = own.get();
        }
        model.addAttribute("city", city);
        model.addAttribute("year", shown);
        model.addAttribute("employer", company);
        if (city == null || city.isBlank()) {
            return "console/compliance";
        }
        // the API's own checks, said the same way
        if (!city.strip().matches("\\d{6}")) {
            model.addAttribute("error", texts.get(RequestRefused.key("BAD_CITY")));
            return "console/compliance";
        }
        if (shown < 2015 || shown > 2100) {
            model.addAttribute("error", texts.get(RequestRefused.key("BAD_YEAR")));
            return "console/compliance";
        }
        String code = city.strip();
        if (own.isPresent() && !own.get().equals(code)) {
            model.addAttribute("error", texts.get(RequestRefused.key("OWN_CITY_ONLY"), own.get()));
            return "console/compliance";
        }
        int[] counts = new int[3];
        List<ComplianceReport.Line> preview = new ArrayList<>();
        List<ComplianceReport.EmployerSummary> employers = report.run(code, shown, company, true, line -> {
            counts[0]++;
            counts[1] += line.met() ? 1 : 0;
            counts[2] += line.metWithPending() ? 1 : 0;
            if (preview.size() < PREVIEW) {
                preview.add(line);
            }
        });
        Summary summary = new Summary(counts[0], counts[1], counts[2], employers, preview);
        model.addAttribute("summary", summary);
        model.addAttribute("chart", employers(employers));
        model.addAttribute("xlsx", download(code, shown, company, "xlsx"));
        model.addAttribute("csv", download(code, shown, company, "csv"));
        return "console/compliance";
    }

    /** The largest employers' people, the part of them who met the requirement drawn in green. */
    private static BarChart employers(List<ComplianceReport.EmployerSummary> employers) {
        Map<String, Long> people = new LinkedHashMap<>();
        Map<String, Long> met = new LinkedHashMap<>();
        employers.stream().sorted((a, b) -> Integer.compare(b.people(), a.people())).limit(12).forEach(e -> {
            // people with no employer named are one bar, its name a code the bundles say
            String label = e.employer().isEmpty() ? "NO_EMPLOYER" : e.employer();
            people.put(label, (long) e.people());
            met.put(label, (long) e.met());
        });
        return BarChart.of(people, met, Map.of());
    }

    private static String download(String city, int year, String employer, String format) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/reports/compliance")
                .queryParam("city", city).queryParam("year", year);
        if (employer != null) {
            uri.queryParam("employer", employer);
        }
        return uri.queryParam("format", format).encode().build().toUriString();
    }
}
