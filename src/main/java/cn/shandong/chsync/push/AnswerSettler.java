package cn.shandong.chsync.push;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.reconcile.NewItem;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles a sent batch: each completion by the province's answer for its key and revision (taken,
 * refused, or not answered and so tried again), or the whole batch, when the request failed, to be
 * tried again after a backoff, up to the attempts allowed. What is refused or given up on becomes a
 * reconciliation item in the same transaction.
 */
@Component
class AnswerSettler {

    /**
     * How often the settling of an answered batch is tried: a deadlock with a page filing its own
     * items rolls it back whole, and settling again beats resending a batch the province has taken.
     */
    private static final int SETTLE_ATTEMPTS = 3;
    /** The longest error text kept on a row. */
    private static final int ERROR_LENGTH = 1000;

    private final OutboxRepository outbox;
    private final ReconciliationItems reconciliation;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SyncProperties.Push settings;
    private final Backoff backoff;

    AnswerSettler(OutboxRepository outbox, ReconciliationItems reconciliation, PlatformTransactionManager transactions,
                  MeterRegistry meters, Clock clock, SyncProperties properties) {
        this.outbox = outbox;
        this.reconciliation = reconciliation;
        this.tx = new TransactionTemplate(transactions);
        this.meters = meters;
        this.clock = clock;
        this.settings = properties.push();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    }

    /** Rows of one lease and revision the province refused for one reason: settled in one statement. */
    private record Refused(String token, int revision, String message) {
    }

    /** Settles each completion of the batch by the province's answer; those it did not answer go again later. */
    void answered(PushClaim claim, JsonNode answer) {
        Map<String, JsonNode> results = new HashMap<>();
        for (JsonNode result : answer.path("results")) {
            results.put(result.path("completionKey").asText() + "#" + result.path("revision").asInt(), result);
        }
        List<PushClaim.Entry> unanswered = new ArrayList<>();
        List<NewItem> rejected = new ArrayList<>();
        Map<Refused, List<String>> refused = new LinkedHashMap<>();
        Map<String, List<PushClaim.Entry>> taken = new HashMap<>();
        // Completions handed over get their outbox row now, in its final state.
        List<OutboxRepository.Answered> handed = new ArrayList<>();
        List<String> takenKeys = new ArrayList<>();
        // Counted per source and result once a batch, not a meter looked up for each of its items.
        Map<List<String>, Integer> tally = new HashMap<>();
        for (PushClaim.Entry entry : claim.entries()) {
            JsonNode result = results.get(entry.provinceKey() + "#" + entry.revision());
            String status = result == null ? null : result.path("status").asText();
            if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
                if (entry.handed()) {
                    handed.add(new OutboxRepository.Answered(entry, OutboxStatus.DONE, status, null, entry.leaseUntil()));
                } else {
                    taken.computeIfAbsent(status, s -> new ArrayList<>()).add(entry);
                }
                takenKeys.add(entry.completionKey());
            } else if ("REJECTED".equals(status)) {
                String reason = result.path("reasonCode").asText("");
                String message = "the provincial platform rejected it: " + reason + " " + result.path("message").asText("");
                if (entry.handed()) {
                    handed.add(new OutboxRepository.Answered(entry, OutboxStatus.REJECTED, "REJECTED", cut(message),
                            entry.leaseUntil()));
                } else {
                    refused.computeIfAbsent(new Refused(entry.token(), entry.revision(), cut(message)), k -> new ArrayList<>())
                            .add(entry.completionKey());
                }
                rejected.add(new NewItem(entry.sourceId(), null, Stage.PUSH, ReasonCode.PUSH_REJECTED.name(), message,
                        entry.sourceRecordId(), entry.completionKey(), entry.idNumber(), result.toString(),
                        entry.completionKey() + "#" + entry.revision()));
            } else {
                unanswered.add(entry);
            }
            tally.merge(List.of(entry.sourceId(), status == null ? "unanswered" : status.toLowerCase()), 1, Integer::sum);
        }
        tally.forEach((sourceAndResult, items) -> meters.counter("chsync.push.items", "source", sourceAndResult.get(0),
                "result", sourceAndResult.get(1)).increment(items));
        Timestamp now = now();
        RetriedTransaction.run(SETTLE_ATTEMPTS, () -> tx.executeWithoutResult(s -> {
            // What the province took is settled in one statement per answer and lease, not one per row.
            taken.forEach((result, entries) -> outbox.settleTaken(result, entries.get(0).token(),
                    entries.stream().map(PushClaim.Entry::id).toList(), now, claim.attemptedAt()));
            refused.forEach((rows, keys) -> outbox.settleRefused(rows.token(), rows.revision(), rows.message(), keys, now,
                    claim.attemptedAt()));
            outbox.writeAnswered(handed, now, claim.attemptedAt());
            reconciliation.file(rejected);
            reconciliation.settlePushRetries(takenKeys, rejected.stream().map(NewItem::completionKey).toList());
        }));
        if (!unanswered.isEmpty()) {
            failed(new PushClaim(unanswered, claim.attemptedAt()), "the answer had no result for this item", null);
        }
    }

    /**
     * Every completion of the batch waits and is tried again, after {@code retryAfter} (the province
     * asked for it) or the backoff of its attempts; one past the attempts allowed is given up on.
     */
    void failed(PushClaim claim, String error, Duration retryAfter) {
        List<NewItem> exhausted = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            List<OutboxRepository.Answered> handed = new ArrayList<>();
            for (PushClaim.Entry entry : claim.entries()) {
                meters.counter("chsync.push.retries").increment();
                if (entry.attempts() >= settings.maxAttempts()) {
                    String message = "gave up after " + entry.attempts() + " attempts; last error: " + error;
                    if (entry.handed()) {
                        handed.add(new OutboxRepository.Answered(entry, OutboxStatus.FAILED, null, cut(message), entry.leaseUntil()));
                    } else {
                        outbox.fail(entry.completionKey(), entry.revision(), entry.token(), cut(message), now, claim.attemptedAt());
                    }
                    exhausted.add(new NewItem(entry.sourceId(), null, Stage.PUSH, ReasonCode.PUSH_RETRIES_EXHAUSTED.name(),
                            message, entry.sourceRecordId(), entry.completionKey(), entry.idNumber(), null,
                            entry.completionKey() + "#" + entry.revision()));
                    continue;
                }
                Duration wait = retryAfter != null ? retryAfter : backoff.after(entry.attempts());
                Instant due = now.toInstant().plus(wait);
                if (entry.handed()) {
                    handed.add(new OutboxRepository.Answered(entry, OutboxStatus.PENDING, null, cut(error), due));
                } else {
                    outbox.putOff(entry.completionKey(), entry.revision(), entry.token(), Timestamp.from(due), cut(error),
                            claim.attemptedAt());
                }
            }
            outbox.writeAnswered(handed, now, claim.attemptedAt());
            reconciliation.file(exhausted);
        });
    }

    /** An error as kept: the province's and exceptions' texts may quote an ID number, masked first, then cut. */
    private static String cut(String text) {
        text = IdNumber.maskAny(text);
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
