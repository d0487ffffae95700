package cn.shandong.chsync.compliance;

import cn.shandong.chsync.compliance.ComplianceRules.Citation;
import cn.shandong.chsync.compliance.ComplianceRules.Purpose;
import cn.shandong.chsync.compliance.ComplianceRules.Requirement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A title application's years (职称评审 REVIEW or 聘用 APPOINTMENT): each year as the person's city
 * judges it, with study after the materials' submission (asOf) left out. Years whose requirement
 * averages 学分 over the term (before 2018, 威海 2019 二(一)) are judged together by the purpose's
 * average; every other year must be met on its own. allMet is the answer a bureau acts on.
 */
public record TitleApplication(int from, int to, Purpose purpose, LocalDate asOf, List<PersonYear.Summary> years,
                               List<TermAverage> averages, boolean allMet, boolean allMetWithPending,
                               List<Citation> cutoff) {

    /** Years judged by their average 学分: met when the average reaches the purpose's minimum. */
    public record TermAverage(int from, int to, Purpose purpose, BigDecimal averageCredits,
                              BigDecimal averageCreditsWithPending, BigDecimal minimum, boolean met,
                              boolean metWithPending, Citation requirement) {
    }

    /** Judges the years (one summary a year, in order); without a purpose every year stands alone. */
    public static TitleApplication of(ComplianceRules rules, List<PersonYear.Summary> years, Purpose purpose, LocalDate asOf) {
        List<TermAverage> averages = new ArrayList<>();
        boolean allMet = !years.isEmpty();
        boolean allMetWithPending = !years.isEmpty();
        List<PersonYear.Summary> averaged = new ArrayList<>();
        Requirement averagedBy = null;
        for (PersonYear.Summary year : years) {
            Requirement r = rules.requirement(year.city(), year.year()).orElse(null);
            boolean byAverage = purpose != null && r != null && r.termAverage() != null && r.termAverage().get(purpose) != null;
            if (byAverage) {
                averaged.add(year);
                averagedBy = r;
            } else {
                allMet &= year.met();
                allMetWithPending &= year.metWithPending();
            }
        }
        if (!averaged.isEmpty()) {
            BigDecimal n = BigDecimal.valueOf(averaged.size());
            BigDecimal credits = averaged.stream().map(PersonYear.Summary::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal withPending = averaged.stream().map(PersonYear.Summary::creditsWithPending)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal minimum = averagedBy.termAverage().get(purpose);
            BigDecimal average = credits.divide(n, 2, RoundingMode.DOWN);
            BigDecimal averageWithPending = withPending.divide(n, 2, RoundingMode.DOWN);
            // compared as sums, so an average of 19.999... is not rounded up into a pass
            boolean met = credits.compareTo(minimum.multiply(n)) >= 0;
            boolean metWithPending = withPending.compareTo(minimum.multiply(n)) >= 0;
            averages.add(new TermAverage(averaged.get(0).year(), averaged.get(averaged.size() - 1).year(), purpose, average,
                    averageWithPending, minimum, met, metWithPending, averagedBy.citation()));
            allMet &= met;
            allMetWithPending &= metWithPending;
        }
        int from = years.isEmpty() ? 0 : years.get(0).year();
        int to = years.isEmpty() ? 0 : years.get(years.size() - 1).year();
        return new TitleApplication(from, to, purpose, asOf, years, averages, allMet, allMetWithPending,
                asOf == null ? List.of() : rules.principle("TITLE_APPLICATION_CUTOFF"));
    }
}
