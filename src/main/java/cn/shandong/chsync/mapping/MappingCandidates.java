package cn.shandong.chsync.mapping;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.mapping.MappingSchema.Problem;
import cn.shandong.chsync.pull.SourceCatalog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Checks a mapping file that is not running yet, the way start-up checks the ones that are: the
 * schema first (it names the key), then {@link cn.shandong.chsync.mapping.MappingLoader} (formats,
 * code tables, placeholders, the vendor's keys laid under it), then the address allow-list. For
 * the workbench's text and for a file a reload finds in mappings/ alike.
 */
@Component
public class MappingCandidates {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** "request.paging (PAGE_NUMBER): pageParam…", "fields.kind: …": a loader problem's key and reason. */
    private static final Pattern KEYED = Pattern.compile("^([A-Za-z][\\w.\\[\\]#]*(?: \\([A-Z_]+\\))?): (.*)$", Pattern.DOTALL);

    private final SourceCatalog catalog;
    private final Path mappingsDir;

    MappingCandidates(SourceCatalog catalog, SyncProperties properties) {
        this.catalog = catalog;
        this.mappingsDir = properties.mappingsDir();
    }

    public Path mappingsDir() {
        return mappingsDir;
    }

    /** The schemas are read per check: a schema changed with the files is taken up with them. */
    MappingSchema schema() {
        return MappingSchema.in(mappingsDir);
    }

    /**
     * A mapping file's text as the workbench is handed it, checked as if it were
     * mappings/&lt;its id&gt;.mapping.yaml beside the real vendor files; nothing is written to mappings/.
     */
    public MappingDefinition check(String text) {
        List<Problem> problems = schema().checkMapping(text);
        String file = idOf(text) + ".mapping.yaml";
        if (!problems.isEmpty()) {
            throw new MappingRefused(file, problems);
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("chsync-mapping-");
            Path vendors = Files.createDirectory(scratch.resolve("vendors"));
            try (Stream<Path> shared = Files.list(mappingsDir.resolve("vendors"))) {
                for (Path vendor : shared.toList()) {
                    Files.copy(vendor, vendors.resolve(vendor.getFileName()));
                }
            }
            Path candidate = scratch.resolve(file);
            Files.writeString(candidate, text, StandardCharsets.UTF_8);
            return load(candidate, file);
        } catch (IOException e) {
            throw new UncheckedIOException("the mapping could not be laid out to be checked", e);
        } finally {
            delete(scratch);
        }
    }

    /** A file in mappings/ as a reload finds it. */
    public MappingDefinition check(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingRefused(name, List.of(new Problem("", "cannot be read: " + e.getMessage())));
        }
        List<Problem> problems = schema().checkMapping(text);
        if (!problems.isEmpty()) {
            throw new MappingRefused(name, problems);
        }
        return load(file, name);
    }

    /** A vendor file as a reload finds it: the schema is all there is to check it by alone. */
    void checkVendor(Path file) {
        String name = "vendors/" + file.getFileName();
        try {
            List<Problem> problems = schema().checkVendor(Files.readString(file, StandardCharsets.UTF_8));
            if (!problems.isEmpty()) {
                throw new MappingRefused(name, problems);
            }
        } catch (IOException e) {
            throw new MappingRefused(name, List.of(new Problem("", "cannot be read: " + e.getMessage())));
        }
    }

    private MappingDefinition load(Path file, String name) {
        MappingDefinition mapping;
        try {
            mapping = catalog.loader().load(file);
        } catch (MappingException e) {
            throw new MappingRefused(name, problems(e.getMessage(), name));
        }
        try {
            catalog.checkAddress(mapping);
        } catch (IllegalArgumentException e) {
            throw new MappingRefused(name, List.of(new Problem("request.baseUrl", e.getMessage())));
        }
        return mapping;
    }

    /** The loader's message, "file (with vendors/x): key: why; key: why", as keyed problems. */
    static List<Problem> problems(String message, String file) {
        String rest = message;
        if (rest.startsWith(file)) {
            int colon = rest.indexOf(": ", file.length());
            rest = colon < 0 ? rest : rest.substring(colon + 2);
        }
        List<Problem> problems = new ArrayList<>();
        for (String part : rest.split("; ")) {
            Matcher m = KEYED.matcher(part);
            problems.add(m.matches() ? new Problem(m.group(1).replaceAll(" \\(.*\\)$", ""), m.group(2)) : new Problem("", part));
        }
        return problems;
    }

    /** The id the text gives itself; the schema has checked that there is one and that it is a name. */
    private static String idOf(String text) {
        try {
            var tree = YAML.readTree(text);
            String id = tree == null ? null : tree.path("id").asText(null);
            return id == null || !id.matches("[a-z0-9][a-z0-9_-]*") ? "unnamed" : id;
        } catch (JsonProcessingException e) {
            return "unnamed";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is the system's to clear
        }
    }
}
