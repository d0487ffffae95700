package cn.shandong.chsync.compliance;

import cn.shandong.chsync.compliance.ComplianceRules.Purpose;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.SignedIn;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * A person's years from the merged data: every ACTIVE or REVOKED completion of theirs (one row
 * per completion, however many platforms reported it) with its platforms and the province's
 * answer, judged by the rules of compliance-rules.yaml (loaded and checked at start-up) of the
 * person's city ({@link PersonCity}).
 */
@Component
public class PersonYears {

    private final HeldCompletions held;
    private final ComplianceRules rules;
    private final IdProtection ids;

    PersonYears(HeldCompletions held, ResourceLoader resources, IdProtection ids,
                @Value("${sync.compliance.rules:classpath:compliance-rules.yaml}") String location) throws IOException {
        this.held = held;
        this.ids = ids;
        try (InputStream in = resources.getResource(location).getInputStream()) {
            this.rules = ComplianceRules.load(in, location);
        }
    }

    public ComplianceRules rules() {
        return rules;
    }

    /** The person's year; {@code city} null: the person's own city, else that city's rules as asked for. */
    public PersonYear.Summary year(String idNumber, int year, String city) {
        return years(idNumber, year, year, city, null).get(0);
    }

    /** Years from..to, each by the person's city of that year (or {@code city}'s rules); asOf may be null. */
    public List<PersonYear.Summary> years(String idNumber, int from, int to, String city, LocalDate asOf) {
        // a make-up completed in a later year counts for the year it makes up: read up to that year too
        List<PersonYear.Entry> entries = entries(idNumber, from, Math.max(to, from <= rules.lastMakeUpYear() ? rules.lastMakeUpYear() : to));
        String bureau = bureauCity(idNumber);
        List<PersonYear.Summary> years = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            PersonCity personCity = city != null ? new PersonCity(city, PersonCity.Basis.REQUESTED) : PersonCity.of(entries, year, bureau);
            years.add(PersonYear.of(rules, personCity, year, entries, asOf));
        }
        return years;
    }

    /**
     * A title application's years: each year, the term's average where the credit system
     * averages by purpose, study after {@code asOf} left out, and whether all are met.
     */
    public TitleApplication application(String idNumber, int from, int to, Purpose purpose, LocalDate asOf, String city) {
        return TitleApplication.of(rules, years(idNumber, from, to, city, asOf), purpose, asOf);
    }

    /** Whether anything of the person is held at all. */
    public boolean known(String idNumber) {
        return held.anyOf(ids.hash(idNumber));
    }

    /**
     * Whether the person is one of the city's: in some year of theirs the city is their city, as
     * the compliance report counts them. What a bureau may read.
     */
    public boolean ofCity(String idNumber, String city) {
        List<PersonYear.Entry> entries = entries(idNumber, 0, 9999);
        String bureau = bureauCity(idNumber);
        return entries.stream().map(PersonYear.Entry::studyYear).distinct()
                .anyMatch(year -> city.equals(PersonCity.of(entries, year, bureau).city()));
    }

    /**
     * Whether the signed-in user may read the person: a bureau its own city's people only (another
     * city's person is answered as one not held, so a bureau cannot learn who is held elsewhere);
     * every other role anyone.
     */
    public boolean ofViewersCity(String idNumber) {
        return SignedIn.city().map(city -> ofCity(idNumber, city)).orElse(true);
    }

    /** The city a bureau set for the person, or null. */
    public String bureauCity(String idNumber) {
        return held.bureauCity(ids.hash(idNumber));
    }

    /** A bureau sets the person's city (used when no record carries a Shandong employer code). */
    public void setBureauCity(String idNumber, String city, String by, String reason) {
        held.setBureauCity(ids.hash(idNumber), city, by, reason, Timestamp.from(Instant.now()));
    }

    List<PersonYear.Entry> entries(String idNumber, int from, int to) {
        return held.ofPerson(ids.hash(idNumber), from, to);
    }
}
