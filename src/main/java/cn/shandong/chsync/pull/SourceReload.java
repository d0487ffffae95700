package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappingCandidates;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.mapping.MappingRefused;
import cn.shandong.chsync.mapping.MappingSchema.Problem;
import cn.shandong.chsync.security.AuditLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Takes up what changed in mappings/ without a restart: a new file becomes a running source (its
 * row, pull route and schedule, as at start-up: SourceRoutes.start), a changed one replaces its
 * source's definition for the runs that start after it (while one is under way the change waits). Each file is checked first as start-up
 * checks it (MappingCandidates); a file that fails is refused with its keys and reasons and the
 * definition already running stays. A source whose file is gone is paused, never deleted: its
 * records, runs and cursor stay, and it resumes if the file comes back. Called by
 * POST /api/mappings/reload and by routes/mappings.camel.yaml's timer when the folder changes.
 */
@Component("sourceReload")
public class SourceReload {

    private static final Logger log = LoggerFactory.getLogger(SourceReload.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String SUFFIX = ".mapping.yaml";

    /** What a reload did; {@code refused} lists every file refused as things stand, not only the newly refused. */
    public record Outcome(List<String> added, List<String> changed, List<String> deferred, List<String> paused,
                          List<String> resumed, List<String> mended, List<Refusal> refused) {
        boolean changedAnything() {
            return !added.isEmpty() || !changed.isEmpty() || !paused.isEmpty() || !resumed.isEmpty() || !mended.isEmpty();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) parts.add("added " + String.join(", ", added));
            if (!changed.isEmpty()) parts.add("changed " + String.join(", ", changed));
            if (!deferred.isEmpty()) parts.add("changed, taken up when its sync ends " + String.join(", ", deferred));
            if (!paused.isEmpty()) parts.add("paused (file removed) " + String.join(", ", paused));
            if (!resumed.isEmpty()) parts.add("resumed " + String.join(", ", resumed));
            if (!mended.isEmpty()) parts.add("no longer refused " + String.join(", ", mended));
            refused.forEach(r -> parts.add("refused " + r.file() + ": "
                    + r.problems().stream().map(Problem::toString).collect(Collectors.joining("; "))));
            return parts.isEmpty() ? "nothing changed" : String.join("; ", parts);
        }
    }

    public record Refusal(String file, List<Problem> problems) {
    }

    private final SourceCatalog catalog;
    private final MappingCandidates candidates;
    private final SourceSchedules schedules;
    private final ObjectProvider<SourceRoutes> routes;
    private final CamelContext camel;
    private final AuditLog audit;
    private final SourceTable table;
    /** Per file: the digest of its text and its vendor's, as last taken up or refused. */
    private final Map<String, String> seen = new HashMap<>();
    private final Map<String, Refusal> refused = new TreeMap<>();
    /** Sources paused because their file went away: resumed when it comes back, unlike an operator's pause. */
    private final Set<String> pausedByReload = new HashSet<>();
    /** Why mappings/ could not be listed last time, so that a lasting problem is logged once. */
    private String unlisted;
    /** Whether the last scan refused a file it had not refused as it now reads. */
    private boolean refusedAnew;

    SourceReload(SourceCatalog catalog, MappingCandidates candidates, SourceSchedules schedules,
                 ObjectProvider<SourceRoutes> routes, @Lazy CamelContext camel, AuditLog audit, SourceTable table) {
        this.table = table;
        this.catalog = catalog;
        this.candidates = candidates;
        this.schedules = schedules;
        this.routes = routes;
        this.camel = camel;
        this.audit = audit;
        // what start-up loaded is the baseline: the first check finds nothing changed
        for (String id : catalog.ids()) {
            seen.put(id + SUFFIX, digest(candidates.mappingsDir().resolve(id + SUFFIX)));
        }
    }

    /** An operator's reload: always audited, in their name. */
    public synchronized Outcome reload() {
        Outcome outcome = scan();
        audit.record("MAPPING_RELOAD", "mappings", outcome.describe());
        return outcome;
    }

    /** The timer's check: audited (as "system") only when it took something up or refused a file anew. */
    public synchronized void check() {
        Outcome outcome = scan();
        if (outcome.changedAnything() || refusedAnew) {
            log.info("mappings/ changed: {}", outcome.describe());
            audit.record("system", "MAPPING_RELOAD", "mappings", outcome.describe());
        }
    }

    private Outcome scan() {
        Path dir = candidates.mappingsDir();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        List<String> mended = new ArrayList<>();
        Set<String> present = new HashSet<>();
        refusedAnew = false;
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            unlisted = null;
        } catch (IOException e) {
            // a folder that cannot be read changes nothing: no source is paused for it
            if (!String.valueOf(e.getMessage()).equals(unlisted)) {
                log.warn("mappings/ cannot be listed ({}); nothing reloaded until it can", e.getMessage());
            }
            unlisted = String.valueOf(e.getMessage());
            return new Outcome(added, changed, deferred, paused, resumed, mended, List.copyOf(refused.values()));
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - SUFFIX.length());
            present.add(id);
            String digest = digest(file);
            if (digest.equals(seen.get(name))) {
                continue;
            }
            seen.put(name, digest);
            MappingDefinition mapping;
            try {
                mapping = candidates.check(file);
            } catch (MappingRefused e) {
                refused.put(name, new Refusal(name, e.problems()));
                refusedAnew = true;
                log.warn("mappings/{} refused, the running definition stays: {}", name, e.getMessage());
                continue;
            } catch (RuntimeException e) {
                refused.put(name, new Refusal(name, List.of(new Problem("", e.getMessage()))));
                refusedAnew = true;
                continue;
            }
            if (refused.remove(name) != null) {
                mended.add(name);
            }
            var running = catalog.find(id);
            if (running.isPresent() && running.get().equals(mapping)) {
                // only comments or layout changed
            } else if (running.isPresent() && table.syncing(id)) {
                // a pass reads its pages with one definition: a changed paging or cursor mid-pass
                // would misread the checkpoint it resumes from, so the change waits for the run's end
                seen.remove(name);
                deferred.add(id);
                continue;
            } else if (running.isPresent()) {
                catalog.put(mapping);
                routes.ifAvailable(r -> r.refresh(mapping));
                changed.add(id);
            } else {
                try {
                    routes.ifAvailable(r -> r.start(camel, mapping));
                } catch (RuntimeException e) {
                    // its row may be there, its routes are not: the next change of the file tries again
                    refused.put(name, new Refusal(name, List.of(new Problem("", "could not be started: " + e.getMessage()))));
                    refusedAnew = true;
                    log.warn("mappings/{} could not be started", name, e);
                    continue;
                }
                catalog.put(mapping);
                added.add(id);
            }
            if (pausedByReload.remove(id)) {
                schedules.pause(id, false);
                resumed.add(id);
            }
        }
        for (String id : catalog.ids()) {
            if (!present.contains(id) && pausedByReload.add(id)) {
                schedules.pause(id, true);
                seen.remove(id + SUFFIX);
                paused.add(id);
            }
        }
        refused.keySet().removeIf(name -> !present.contains(name.substring(0, name.length() - SUFFIX.length())));
        return new Outcome(added, changed, deferred, paused, resumed, mended, List.copyOf(refused.values()));
    }

    /** The file's text and its vendor file's: a change to either is a change of the source. */
    private static String digest(Path file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] text = Files.readAllBytes(file);
            sha.update(text);
            try {
                var tree = YAML.readTree(text);
                String vendor = tree == null ? null : tree.path("vendor").asText(null);
                Path shared = vendor == null ? null : file.resolveSibling("vendors").resolve(vendor + ".vendor.yaml");
                if (shared != null && Files.isRegularFile(shared)) {
                    sha.update(Files.readAllBytes(shared));
                }
            } catch (IOException notYaml) {
                // the check will say what is wrong with it
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
