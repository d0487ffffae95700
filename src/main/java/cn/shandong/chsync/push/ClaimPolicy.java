package cn.shandong.chsync.push;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.IdProtection;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a push loop sends next, written as the province's request: the completions pages handed
 * over go first, but each worker claims from the outbox at least once a sync.push.period-ms, so
 * that rows due there (written without a handover, or due again after a failure) are not left
 * behind a long sync's handovers. Outbox rows are taken under a lease of their own; what was handed
 * over is under its page's lease already.
 */
@Component
class ClaimPolicy {

    /** How many of the pages' leases that ran out one claim turns into outbox rows. */
    private static final int LAPSED_LEASES = 20;

    private static final Logger log = LoggerFactory.getLogger(ClaimPolicy.class);

    private final OutboxRepository outbox;
    private final PushHandoff handoff;
    private final IdProtection ids;
    private final ObjectMapper json;
    private final Clock clock;
    private final SyncProperties.Push settings;
    /** When each worker last claimed from the outbox (System.nanoTime). */
    private final AtomicLongArray claimedAt;
    private final long claimEveryNanos;

    ClaimPolicy(OutboxRepository outbox, PushHandoff handoff, IdProtection ids, ObjectMapper json, Clock clock,
                SyncProperties properties, @Value("${sync.push.period-ms}") long periodMs) {
        this.outbox = outbox;
        this.handoff = handoff;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
        this.settings = properties.push();
        this.claimedAt = new AtomicLongArray(settings.workers());
        this.claimEveryNanos = Duration.ofMillis(periodMs).toNanos();
        for (int worker = 0; worker < claimedAt.length(); worker++) {
            claimedAt.set(worker, System.nanoTime() - claimEveryNanos);
        }
    }

    /** Up to a batch for this worker, its request written to {@code body}; empty when nothing is due. */
    List<PushClaim.Entry> take(int worker, ByteArrayOutputStream body) throws IOException {
        handoff.polled();
        boolean outboxFirst = System.nanoTime() - claimedAt.get(worker) >= claimEveryNanos;
        List<PushClaim.Entry> entries = outboxFirst ? fromOutbox(worker, body) : List.of();
        if (entries.isEmpty()) {
            entries = handedOver(body);
        }
        if (entries.isEmpty() && !outboxFirst) {
            entries = fromOutbox(worker, body);
        }
        return entries;
    }

    /** Up to a batch of the worker's due outbox rows, leased; their items written to {@code body}. */
    private List<PushClaim.Entry> fromOutbox(int worker, ByteArrayOutputStream body) throws IOException {
        claimedAt.set(worker, System.nanoTime());
        String token = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now(clock));
        if (worker == 0) {
            writeLapsedLeases(now);
        }
        // Reading the records before the lease, not after it, spares a statement (and its list of ids) per batch.
        List<DueRow> due = outbox.due(now, worker, settings.workers(), settings.batchSize());
        List<Long> dueIds = due.stream().map(DueRow::id).toList();
        int claimed = due.isEmpty() ? 0 : outbox.lease(dueIds, token, Timestamp.from(now.toInstant().plus(settings.lease())), now);
        if (claimed == 0) {
            return List.of();
        }
        List<DueRow> leased = due;
        if (claimed < due.size()) {
            Set<Long> ours = outbox.leasedBy(token, dueIds);
            leased = due.stream().filter(d -> ours.contains(d.id())).toList();
        }
        List<PushClaim.Entry> entries = new ArrayList<>(leased.size());
        try (ProvinceRequest request = new ProvinceRequest(json, body)) {
            for (DueRow d : leased) {
                // The province is the one party that gets the ID number in clear: it is who the hours are banked for.
                String idNumber = ids.decrypt(d.idCipher());
                String provinceKey = ids.decrypt(d.provinceKeyCipher());
                // attempts as the lease counted it
                entries.add(new PushClaim.Entry(d.id(), token, d.completionKey(), provinceKey, d.revision(), d.attempts() + 1,
                        d.sourceId(), d.sourceRecordId(), idNumber, null, null));
                request.write(d.item(provinceKey, idNumber));
            }
        }
        return entries;
    }

    /**
     * Up to a batch of the completions pages handed over, their items written to {@code body} from
     * the records as the pages stored them: no read, no lease to take (the page wrote it), nothing to decrypt.
     */
    private List<PushClaim.Entry> handedOver(ByteArrayOutputStream body) throws IOException {
        List<PushHandoff.HandedCompletion> handed = handoff.poll(settings.batchSize(), Instant.now(clock));
        if (handed.isEmpty()) {
            return List.of();
        }
        List<PushClaim.Entry> entries = new ArrayList<>(handed.size());
        try (ProvinceRequest request = new ProvinceRequest(json, body)) {
            for (PushHandoff.HandedCompletion h : handed) {
                CreditRecord r = h.record();
                // the page's write was its first attempt
                entries.add(new PushClaim.Entry(0, h.token(), h.completionKey(), h.provinceKey(), h.revision(), 1,
                        r.sourceId(), r.sourceRecordId(), r.idNumber(), h.writtenAt(), h.leaseUntil()));
                request.write(new Stored(r, h.provinceKey(), h.revision()));
            }
        }
        return entries;
    }

    /**
     * Pages' leases that ran out with completions unanswered (their instance stopped, or its loops
     * let them go): each becomes the outbox rows of its completions, due at once.
     */
    private void writeLapsedLeases(Timestamp now) {
        for (OutboxRepository.PageLease lease : outbox.lapsedLeases(now, LAPSED_LEASES)) {
            int completions = outbox.writeLapsedLease(lease);
            log.warn("a page's lease of {} completions ran out before the province answered for all of them: "
                    + "those not answered are due in the outbox", completions);
        }
    }

    /** A record as a page stored it, as an item of the request: amounts at the two places credit_record keeps. */
    private record Stored(CreditRecord record, String provinceKey, int revision) implements ProvinceRequest.Item {

        public String idNumber() {
            return record.idNumber();
        }

        public String sourceId() {
            return record.sourceId();
        }

        public String sourceRecordId() {
            return record.sourceRecordId();
        }

        public void text(JsonGenerator out, ProvinceRequest.Text field) throws IOException {
            out.writeStringField(field.field, switch (field) {
                case NAME -> record.name();
                case EMPLOYER_NAME -> record.employerName();
                case EMPLOYER_CODE -> record.employerCode();
                case CITY_CODE -> record.cityCode();
                case COURSE_ID -> record.courseId();
                case COURSE_NAME -> record.courseName();
                case SUBJECT -> record.subject().name();
                case KIND -> record.kind().name();
                case UNIT -> record.unit().name();
                case CERTIFICATE_NO -> record.certificateNo();
                case STATE -> record.state().name();
            });
        }

        public BigDecimal amount() {
            return record.amount().setScale(2, RoundingMode.HALF_UP);
        }

        public BigDecimal hours() {
            return record.hours().setScale(2, RoundingMode.HALF_UP);
        }

        public String completionDate() {
            return record.completionDate().toString();
        }

        public int studyYear() {
            return record.studyYear();
        }
    }
}
