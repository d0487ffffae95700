package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.pull.RunRecords;
import cn.shandong.chsync.pull.SourceTable;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.push.OutboxStatus;
import cn.shandong.chsync.push.Signature;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.security.PlatformAddresses;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The daily statement (对账): per source and day (Asia/Shanghai), what was fetched and stored,
 * what the province settled with us, and what the province's own statement says it took. Where
 * ours and the province's differ, a TALLY reconciliation item says by how much; a later statement
 * of the same day that adds up resolves it.
 */
@Component
public class DailyTally {

    static final String PATH = "/api/v1/tally";
    private static final Logger log = LoggerFactory.getLogger(DailyTally.class);

    /** One source's day. MATCHED when pushed = provinceAccepted and rejected = provinceRejected. */
    public record Row(LocalDate date, String sourceId, int runs, int fetched, int stored, int quarantined, int pushed,
                      int rejected, int provinceAccepted, int provinceRejected, String status) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReconciliationItems items;
    private final Clock clock;
    private final SyncProperties.Province province;
    private final Environment environment;
    private final RestClient http;
    private final PlatformAddresses addresses;
    private final OutboxRepository outbox;
    private final RunRecords runs;
    private final SourceTable sources;

    DailyTally(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReconciliationItems items, Clock clock,
               SyncProperties properties, Environment environment, PlatformAddresses addresses,
               org.apache.hc.client5.http.io.HttpClientConnectionManager connections, OutboxRepository outbox,
               RunRecords runs, SourceTable sources) {
        this.outbox = outbox;
        this.runs = runs;
        this.sources = sources;
        this.addresses = addresses;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.items = items;
        this.clock = clock;
        this.province = properties.province();
        this.environment = environment;
        // the platforms' client rules: their connections (addresses checked as they are opened), no
        // redirects (an answer cannot send the call elsewhere), no retries of its own, and a
        // deadline for the answer (the default client had none)
        org.apache.hc.client5.http.impl.classic.CloseableHttpClient client = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                .setConnectionManager(connections)
                .setConnectionManagerShared(true)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .setDefaultRequestConfig(org.apache.hc.client5.http.config.RequestConfig.custom()
                        .setResponseTimeout(org.apache.hc.core5.util.Timeout.ofMilliseconds(
                                environment.getProperty("camel.component.http.response-timeout", Long.class, 30000L)))
                        .build())
                .build();
        org.springframework.http.client.HttpComponentsClientHttpRequestFactory requests =
                new org.springframework.http.client.HttpComponentsClientHttpRequestFactory(client);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** The statement of yesterday: what the daily route runs after midnight. */
    public List<Row> yesterday() {
        return run(LocalDate.now(clock.withZone(CreditRecord.ZONE)).minusDays(1));
    }

    /** Works out the day's statement afresh, stores it, and files or resolves its TALLY items. */
    public List<Row> run(LocalDate date) {
        Map<String, JsonNode> theirs = provinceStatement(date);
        Timestamp from = Timestamp.from(date.atStartOfDay(CreditRecord.ZONE).toInstant());
        Timestamp to = Timestamp.from(date.plusDays(1).atStartOfDay(CreditRecord.ZONE).toInstant());
        Map<String, int[]> ours = new TreeMap<>();
        for (String source : sources.ids()) {
            ours.put(source, new int[6]);
        }
        runs.totals(from, to).forEach((source, day) -> {
            int[] c = ours.computeIfAbsent(source, k -> new int[6]);
            c[0] = day.runs();
            c[1] = day.fetched();
            c[2] = day.stored();
            c[3] = day.quarantined();
        });
        outbox.settledPerSource(from, to).forEach((source, settled) -> {
            int[] c = ours.computeIfAbsent(source, k -> new int[6]);
            c[4] = settled.getOrDefault(OutboxStatus.DONE, 0);
            c[5] = settled.getOrDefault(OutboxStatus.REJECTED, 0);
        });
        theirs.keySet().forEach(source -> ours.computeIfAbsent(source, k -> new int[6]));
        List<Row> rows = new ArrayList<>();
        ours.forEach((source, c) -> {
            JsonNode p = theirs.get(source);
            int accepted = p == null ? 0 : p.path("accepted").asInt() + p.path("duplicates").asInt();
            int rejected = p == null ? 0 : p.path("rejected").asInt();
            rows.add(new Row(date, source, c[0], c[1], c[2], c[3], c[4], c[5], accepted, rejected,
                    c[4] == accepted && c[5] == rejected ? "MATCHED" : "MISMATCH"));
        });
        store(date, rows);
        return rows;
    }

    /** The stored statement of a day, empty when it was never worked out. */
    public List<Row> stored(LocalDate date) {
        return jdbc.query("""
                SELECT tally_date, source_id, runs, fetched, stored, quarantined, pushed, rejected, province_accepted,
                    province_rejected, status
                FROM daily_tally WHERE tally_date = ? ORDER BY source_id
                """, (rs, i) -> new Row(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getInt(3), rs.getInt(4),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11)), date);
    }

    private void store(LocalDate date, List<Row> rows) {
        tx.executeWithoutResult(s -> {
            Timestamp now = Timestamp.from(Instant.now(clock));
            jdbc.update("DELETE FROM daily_tally WHERE tally_date = ?", date);
            jdbc.batchUpdate("""
                    INSERT INTO daily_tally (tally_date, source_id, runs, fetched, stored, quarantined, pushed, rejected,
                        province_accepted, province_rejected, status, computed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, rows, rows.size(), (ps, r) -> {
                ps.setObject(1, date);
                ps.setString(2, r.sourceId());
                ps.setInt(3, r.runs());
                ps.setInt(4, r.fetched());
                ps.setInt(5, r.stored());
                ps.setInt(6, r.quarantined());
                ps.setInt(7, r.pushed());
                ps.setInt(8, r.rejected());
                ps.setInt(9, r.provinceAccepted());
                ps.setInt(10, r.provinceRejected());
                ps.setString(11, r.status());
                ps.setTimestamp(12, now);
            });
            List<NewItem> mismatches = new ArrayList<>();
            for (Row r : rows) {
                if (r.status().equals("MISMATCH")) {
                    mismatches.add(new NewItem(r.sourceId(), null, Stage.TALLY, ReasonCode.TALLY_MISMATCH.name(),
                            date + ": we settled " + r.pushed() + " with the province (" + r.rejected()
                                    + " rejected); its statement says it took " + r.provinceAccepted() + " ("
                                    + r.provinceRejected() + " rejected)",
                            date.toString(), null, null, null, "tally " + date));
                } else {
                    items.resolveTally(r.sourceId(), date);
                }
            }
            items.file(mismatches);
        });
        long mismatched = rows.stream().filter(r -> r.status().equals("MISMATCH")).count();
        log.info("statement of {}: {} sources, {} not matching the province's", date, rows.size(), mismatched);
    }

    private Map<String, JsonNode> provinceStatement(LocalDate date) {
        String base = addresses.check(environment.getRequiredProperty("sync.province.base-url"), "sync.province.base-url");
        String path = URI.create(base + PATH).getPath();
        long timestamp = Instant.now(clock).toEpochMilli();
        String nonce = UUID.randomUUID().toString();
        JsonNode answer = http.get().uri(base + PATH + "?date={date}", date.toString())
                .header(Signature.APP_KEY, province.appKey())
                .header(Signature.TIMESTAMP, Long.toString(timestamp))
                .header(Signature.NONCE, nonce)
                .header(Signature.SIGNATURE, Signature.sign(province.appSecret(), "GET", path,
                        Map.of("date", date.toString()), new byte[0], timestamp, nonce))
                .retrieve().body(JsonNode.class);
        Map<String, JsonNode> bySource = new TreeMap<>();
        if (answer != null) {
            answer.path("sources").forEach(s -> bySource.put(s.path("sourceId").asText(), s));
        }
        return bySource;
    }
}
