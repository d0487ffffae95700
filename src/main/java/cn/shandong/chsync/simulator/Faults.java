package cn.shandong.chsync.simulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults switched on for tests and demos: a platform's or the province's requests fail with a
 * status (with Retry-After), answer slowly, answer a truncated page or no JSON at all, break the
 * connection mid-answer, ignore the page asked for, send pages swollen by photos or in the wrong
 * charset; the province can take a batch and then lose the answer. Each for a given number of times.
 */
final class Faults {

    /**
     * As posted to /sim/control/faults; {@code times} 0 means until cleared; {@code failPages}, the
     * pages it hits (all when empty), a daily-file platform's named by their day as yyyyMMdd. A delay alone makes
     * the answer slow but right; with a status, malformed or cutOff it delays the failure. Instead of failing:
     * {@code ignorePaging}, the platform answers its first page whatever page was asked for;
     * {@code photoBytes}, each record carries a photo (base64) of that many bytes;
     * {@code charset}, a CSV platform writes its file in that charset. {@code cutOff}: the answer
     * breaks off mid-body and the connection closes. {@code afterProcessing} (the province): the
     * batch is taken first, then the fault (delay, status, cut-off) hits its answer. {@code share}
     * (0 to 1): the fault hits only that share of the requests it applies to, drawn from a seeded
     * sequence, so a run with the same requests in the same order meets the same faults; a request
     * it spares goes on to the next fault.
     */
    record Fault(String target, List<Integer> failPages, Integer status, Integer times, Integer retryAfterSeconds,
                 Integer delayMs, Boolean malformed, Boolean ignorePaging, Boolean cutOff, Boolean afterProcessing,
                 Integer photoBytes, String charset, Double share) {

        /** A fault that changes what is answered, or only when, instead of failing the request. */
        boolean altersAnswer() {
            return Boolean.TRUE.equals(ignorePaging) || photoBytes != null || charset != null || slowOnly();
        }

        /** Only a delay: the right answer, late. */
        boolean slowOnly() {
            return delayMs != null && status == null && !Boolean.TRUE.equals(malformed) && !Boolean.TRUE.equals(cutOff)
                    && !Boolean.TRUE.equals(afterProcessing);
        }
    }

    /** A fault that applies to the request at hand. */
    record Hit(Fault fault) {

        int status() {
            return fault.status() == null ? 500 : fault.status();
        }

        boolean malformed() {
            return Boolean.TRUE.equals(fault.malformed());
        }

        int delayMs() {
            return fault.delayMs() == null ? 0 : fault.delayMs();
        }

        boolean ignoresPaging() {
            return Boolean.TRUE.equals(fault.ignorePaging());
        }

        boolean cutsOff() {
            return Boolean.TRUE.equals(fault.cutOff());
        }

        boolean afterProcessing() {
            return Boolean.TRUE.equals(fault.afterProcessing());
        }
    }

    private record Active(Fault fault, AtomicInteger left) {
    }

    private final List<Active> active = new CopyOnWriteArrayList<>();
    /** Draws which requests a fault with a share hits; seeded, so the same requests meet the same faults. */
    private final java.util.Random draws = new java.util.Random(20261206L);
    /** Requests a fault hit, since the simulators started: what a chaos run reports it survived. */
    private final AtomicInteger hits = new AtomicInteger();

    void add(Fault fault) {
        active.add(new Active(fault, new AtomicInteger(fault.times() == null ? 0 : fault.times())));
    }

    private boolean drawn(double share) {
        synchronized (draws) {
            return draws.nextDouble() < share;
        }
    }

    void clear() {
        active.clear();
    }

    int hits() {
        return hits.get();
    }

    List<Fault> list() {
        return active.stream().map(Active::fault).toList();
    }

    /** The first fault for this target and page (null page: the province), used up by one. */
    Optional<Hit> hit(String target, Integer page) {
        for (Active a : active) {
            Fault f = a.fault();
            boolean pageMatches = page == null || f.failPages() == null || f.failPages().isEmpty() || f.failPages().contains(page);
            if (!f.target().equals(target) || !pageMatches) {
                continue;
            }
            if (f.share() != null && !drawn(f.share())) {
                continue;
            }
            if (f.times() != null && f.times() > 0) {
                int left = a.left().decrementAndGet();
                if (left < 0) {
                    active.remove(a);
                    continue;
                }
                if (left == 0) {
                    active.remove(a);
                }
            }
            hits.incrementAndGet();
            return Optional.of(new Hit(f));
        }
        return Optional.empty();
    }
}
