package cn.shandong.chsync.push;

import java.util.List;

/**
 * The text of push_lease.entries: the completions a page handed over, one "completionKey:revision"
 * a line. A page writes it with its lease (PageStore); the push reads it back when the lease runs
 * out before the province answered for all of them (OutboxRepository.writeLapsedLeases). Both go
 * through here, so the two cannot drift apart.
 */
public final class LeaseEntries {

    /** One completion of a lease. */
    record Entry(String completionKey, int revision) {
    }

    private LeaseEntries() {
    }

    /** Appends one completion's line to a lease's entries. */
    public static StringBuilder append(StringBuilder entries, String completionKey, int revision) {
        return entries.append(completionKey).append(':').append(revision).append('\n');
    }

    static List<Entry> parse(String entries) {
        return entries.lines().map(line -> {
            int colon = line.lastIndexOf(':');
            return new Entry(line.substring(0, colon), Integer.parseInt(line.substring(colon + 1)));
        }).toList();
    }
}
