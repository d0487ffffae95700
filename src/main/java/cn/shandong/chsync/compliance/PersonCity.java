package cn.shandong.chsync.compliance;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose rules apply to a person's year, and on what basis. The notices assign people by 属地 and
 * 管理权限 (滨州 2024 五(二)): the city of their employer comes first, read from the administrative
 * division in characters 3-8 of its unified social credit code (GB 32100); then the city a bureau
 * set for the person; only then the city whose platforms reported most of their hours — where
 * someone studied says least, since a Weihai employee may well study on a Yantai base.
 */
public record PersonCity(String city, Basis basis) {

    /** EMPLOYER, BUREAU, MOST_HOURS: the order above; REQUESTED: the caller asked for a city's rules. */
    public enum Basis { EMPLOYER, BUREAU, MOST_HOURS, REQUESTED }

    /** Records of province-level platforms carry this code; it is nobody's city by hours. */
    static final String PROVINCE = "370000";

    /**
     * The person's city for the year: from the employer code of the year's latest record that has
     * one (else of any record given), a bureau's setting, or the hours of the year.
     */
    public static PersonCity of(List<PersonYear.Entry> entries, int year, String setByBureau) {
        String employer = employerCity(entries.stream().filter(e -> e.studyYear() == year).toList());
        if (employer == null) {
            employer = employerCity(entries);
        }
        if (employer != null) {
            return new PersonCity(employer, Basis.EMPLOYER);
        }
        if (setByBureau != null) {
            return new PersonCity(setByBureau, Basis.BUREAU);
        }
        Map<String, BigDecimal> byCity = new HashMap<>();
        entries.stream().filter(e -> e.studyYear() == year).forEach(e -> byCity.merge(e.cityCode(), e.hours(), BigDecimal::add));
        return new PersonCity(mostHours(byCity), Basis.MOST_HOURS);
    }

    /**
     * The city (GB/T 2260, ending 00) of a unified social credit code's division, or null when the
     * code has none in Shandong: a unit registered elsewhere says nothing about a Shandong city.
     * A province-level unit (3700xx) is the province's.
     */
    public static String ofEmployerCode(String code) {
        if (code == null || code.length() != 18 || !code.substring(2, 8).matches("37\\d{4}")) {
            return null;
        }
        return code.substring(2, 6) + "00";
    }

    private static String employerCity(List<PersonYear.Entry> entries) {
        return entries.stream().filter(e -> ofEmployerCode(e.employerCode()) != null)
                .max(Comparator.comparing(PersonYear.Entry::completionDate))
                .map(e -> ofEmployerCode(e.employerCode())).orElse(null);
    }

    static String mostHours(Map<String, BigDecimal> hoursByCity) {
        return hoursByCity.entrySet().stream().filter(e -> !PROVINCE.equals(e.getKey()))
                // most hours; of equal ones the lower code, so the answer does not depend on map order
                .max(Map.Entry.<String, BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(PROVINCE);
    }
}
