package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.compliance.ComplianceRules;
import cn.shandong.chsync.compliance.PersonYear;
import cn.shandong.chsync.compliance.PersonYears;
import cn.shandong.chsync.compliance.TitleApplication;
import cn.shandong.chsync.reconcile.PersonTrace;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.SignedIn;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's hours for bureaus and support: the person-year and a title application's years by
 * the compliance rules, the city whose rules apply, and "where are my hours?" (PersonTrace).
 * ID numbers go in the body of the POST forms, so they stay out of addresses.
 */
@RestController
@RequestMapping("/api/people")
public class PeopleController {

    private final PersonYears personYears;
    private final PersonTrace traces;
    private final IdProtection ids;
    private final AuditLog audit;

    PeopleController(PersonYears personYears, PersonTrace traces, IdProtection ids, AuditLog audit) {
        this.personYears = personYears;
        this.traces = traces;
        this.ids = ids;
        this.audit = audit;
    }

    /** A person-year as the bureaus read it (ID number masked). */
    record YearView(String idNumber, PersonYear.Summary year) {
    }

    /**
     * Several years, as a title application reads them: every year, the term's average where the
     * credit system averages by purpose, and whether all are met (by the province's accepted hours;
     * allMetWithPending once the hours on their way arrive). cutoff cites why study after asOf is
     * left out.
     */
    record YearsView(String idNumber, int from, int to, ComplianceRules.Purpose purpose, LocalDate asOf, boolean allMet,
                     boolean allMetWithPending, List<TitleApplication.TermAverage> averages, List<PersonYear.Summary> years,
                     List<ComplianceRules.Citation> cutoff) {
    }

    /** A bureau's setting of the person's city, used when no record names a Shandong employer. */
    record CitySetting(String city, String reason) {
    }

    /**
     * The person-year: hours by subject and kind (credits in a credit year), met or what is
     * missing, and every record behind the numbers with its platforms. city: whose rules apply
     * (GB/T 2260), by default the city that reported most of the year's hours.
     */
    @GetMapping("/{idNumber}/years/{year}")
    YearView year(@PathVariable String idNumber, @PathVariable int year, @RequestParam(required = false) String city) {
        String id = known(idNumber);
        return new YearView(IdNumber.mask(id), personYears.year(id, year, city(city)));
    }

    /**
     * A title application's years from..to (default: the five years up to this one, as a 2024
     * applicant needs 2020-2024). purpose REVIEW (评审) or APPOINTMENT (聘用) averages the credit
     * years of the term by its threshold; asOf, the date the materials were submitted, leaves out
     * study completed after it.
     */
    @GetMapping("/{idNumber}/years")
    YearsView years(@PathVariable String idNumber, @RequestParam(required = false) Integer from,
                    @RequestParam(required = false) Integer to, @RequestParam(required = false) String purpose,
                    @RequestParam(required = false) LocalDate asOf, @RequestParam(required = false) String city) {
        return application(known(idNumber), from, to, purpose(purpose), asOf, city(city));
    }

    /** The title-application answer for a checked ID number: what a GET or a POST of the same question gives. */
    YearsView application(String id, Integer from, Integer to, ComplianceRules.Purpose purpose, LocalDate asOf, String city) {
        int last = to != null ? to : asOf != null ? asOf.getYear() : LocalDate.now(cn.shandong.chsync.record.CreditRecord.ZONE).getYear();
        int first = from != null ? from : last - 4;
        if (first > last || last - first > 20) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_YEAR_RANGE", "from..to: at most 21 years, from not after to");
        }
        TitleApplication a = personYears.application(id, first, last, purpose, asOf, city);
        return new YearsView(IdNumber.mask(id), first, last, purpose, asOf, a.allMet(), a.allMetWithPending(), a.averages(),
                a.years(), a.cutoff());
    }

    /**
     * A bureau sets the city whose rules apply to a person none of whose records names a Shandong
     * employer (by 属地 and 管理权限): its own city only; an administrator any. Audited.
     */
    @PutMapping("/{idNumber}/city")
    Map<String, String> setCity(@PathVariable String idNumber, @RequestBody CitySetting setting) {
        String id = idNumber.strip().toUpperCase();
        if (!IdNumber.check(id).valid()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER", "not a valid ID number: " + IdNumber.mask(id), IdNumber.mask(id));
        }
        String city = city(setting == null ? null : setting.city());
        if (city == null) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CITY", "city: a six-digit GB/T 2260 code");
        }
        if (SignedIn.city().filter(own -> !own.equals(city)).isPresent()) {
            throw new RequestRefused(HttpStatus.FORBIDDEN, "OWN_CITY_ONLY", "a bureau sets its own city only: " + SignedIn.city().get(), SignedIn.city().get());
        }
        if (!personYears.known(id)) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_COMPLETIONS", "no completion of " + IdNumber.mask(id) + " is held", IdNumber.mask(id));
        }
        String reason = setting.reason() == null ? null : setting.reason().strip();
        if (reason != null && reason.length() > 200) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "REASON_TOO_LONG", "reason: at most 200 characters", 200);
        }
        personYears.setBureauCity(id, city, SignedIn.actor(), reason);
        audit.record("PERSON_CITY_SET", "person " + ids.hash(id), "city " + city + (reason == null ? "" : ": " + reason));
        return Map.of("idNumber", IdNumber.mask(id), "city", city);
    }

    private static ComplianceRules.Purpose purpose(String purpose) {
        if (purpose == null) {
            return null;
        }
        try {
            return ComplianceRules.Purpose.valueOf(purpose.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_PURPOSE", "purpose: REVIEW or APPOINTMENT");
        }
    }

    /**
     * The same look-ups with the ID number in the body, not the address: addresses end up in
     * proxies' logs and browsers' history. {"idNumber": …, "year": …, "from": …, "to": …, "city": …}
     */
    record PersonQuery(String idNumber, Integer year, Integer from, Integer to, String city, String purpose, LocalDate asOf) {

        String id() {
            if (idNumber == null || idNumber.isBlank()) {
                throw new RequestRefused(HttpStatus.BAD_REQUEST, "ID_NUMBER_REQUIRED", "idNumber: required");
            }
            return idNumber;
        }
    }

    @PostMapping("/year")
    YearView yearByPost(@RequestBody PersonQuery query) {
        if (query.year() == null) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "YEAR_REQUIRED", "year: required");
        }
        return year(query.id(), query.year(), query.city());
    }

    @PostMapping("/years")
    YearsView yearsByPost(@RequestBody PersonQuery query) {
        return application(known(query.id()), query.from(), query.to(), purpose(query.purpose()), query.asOf(),
                city(query.city()));
    }

    @PostMapping("/trace")
    public PersonTrace.Trace traceByPost(@RequestBody PersonQuery query) {
        return traces.of(query.id());
    }

    private String known(String idNumber) {
        String id = idNumber.strip().toUpperCase();
        if (!IdNumber.check(id).valid()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER", "not a valid ID number: " + IdNumber.mask(id), IdNumber.mask(id));
        }
        if (!personYears.known(id) || !personYears.ofViewersCity(id)) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_COMPLETIONS", "no completion of " + IdNumber.mask(id) + " is held", IdNumber.mask(id));
        }
        audit.record("PERSON_READ", "person " + ids.hash(id), "years");
        return id;
    }

    private static String city(String city) {
        if (city != null && !city.matches("\\d{6}")) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CITY", "city: a six-digit GB/T 2260 code");
        }
        return city;
    }

    /** The person's trace (see PersonTrace); in the address, or in the body with POST /trace. */
    @GetMapping("/{idNumber}/trace")
    public PersonTrace.Trace trace(@PathVariable String idNumber) {
        return traces.of(idNumber);
    }
}
