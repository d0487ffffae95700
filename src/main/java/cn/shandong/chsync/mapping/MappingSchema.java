package cn.shandong.chsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schemas beside the mapping files (mappings/mapping.schema.json for a platform,
 * mappings/vendor.schema.json for a vendor file): the same schema an editor checks a file
 * against while it is written is the first check of a file the service is handed at run time,
 * so what the editor underlines and what the service refuses cannot drift apart. The loader's
 * own checks (formats, codes against the canonical model, placeholders) run after it.
 */
public final class MappingSchema {

    public static final String MAPPING_SCHEMA = "mapping.schema.json";
    public static final String VENDOR_SCHEMA = "vendor.schema.json";
    /** Where the build puts mappings/*.schema.json on the class path. */
    private static final String BUNDLED = "/mapping-schemas/";

    /** One thing the schema refuses: where in the file (a dotted key, "" for the whole file) and why. */
    public record Problem(String key, String reason) {
        @Override
        public String toString() {
            return (key.isEmpty() ? "" : key + ": ") + reason;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Schema mapping;
    private final Schema vendor;

    private MappingSchema(Schema mapping, Schema vendor) {
        this.mapping = mapping;
        this.vendor = vendor;
    }

    /**
     * The schemas in {@code mappingsDir}, where they are (an edited schema is taken up with the
     * files), else the ones built into the service: a folder of mapping files alone, as a
     * deployment may mount it, is checked as the repository's is.
     */
    public static MappingSchema in(Path mappingsDir) {
        Path dir = mappingsDir.toAbsolutePath().normalize();
        Map<String, String> texts = new HashMap<>();
        for (String name : List.of(MAPPING_SCHEMA, VENDOR_SCHEMA)) {
            Path file = dir.resolve(name);
            try {
                texts.put(file.toUri().toString(), Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : bundled(name));
            } catch (IOException e) {
                throw new MappingException(file + " cannot be read: mapping files cannot be checked (" + e.getMessage() + ")", e);
            }
        }
        // Handed over by their file: URIs, so vendor.schema.json's "mapping.schema.json#/$defs/…"
        // resolves as it does in an editor, and the validator never fetches anything itself.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(texts));
        return new MappingSchema(registry.getSchema(SchemaLocation.of(dir.resolve(MAPPING_SCHEMA).toUri().toString())),
                registry.getSchema(SchemaLocation.of(dir.resolve(VENDOR_SCHEMA).toUri().toString())));
    }

    /** The schema as the build copied it from mappings/ into the jar (see pom.xml). */
    private static String bundled(String name) throws IOException {
        try (InputStream in = MappingSchema.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IOException("neither in the folder nor built into the service");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A platform's mapping file as written (before its vendor's keys are laid under it). */
    public List<Problem> checkMapping(String yamlText) {
        return check(mapping, yamlText);
    }

    public List<Problem> checkVendor(String yamlText) {
        return check(vendor, yamlText);
    }

    private static List<Problem> check(Schema schema, String yamlText) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yamlText);
        } catch (JsonProcessingException e) {
            return List.of(new Problem("", "not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (tree == null || tree.isMissingNode()) {
            return List.of(new Problem("", "the file is empty"));
        }
        return ofTheKindStated(schema.validate(tree)).stream()
                .map(MappingSchema::problem)
                .distinct()
                .sorted(Comparator.comparing(Problem::key))
                .toList();
    }

    private static final Pattern ALTERNATIVE = Pattern.compile("^(.*/oneOf)/(\\d+)/");

    /**
     * Paging is one of several kinds told apart by {@code type}. Where none fits, the validator
     * reports why each alternative failed; only the alternative of the kind the file states says
     * something useful ("offsetParam is required"), so the others, which fail on the kind itself,
     * are left out, and so is the summary when the stated kind's own reasons remain.
     */
    static List<Error> ofTheKindStated(List<Error> errors) {
        Set<String> otherKinds = new HashSet<>();
        Set<String> explained = new HashSet<>();
        for (Error e : errors) {
            Matcher m = ALTERNATIVE.matcher(e.getEvaluationPath().toString());
            if (m.find() && "const".equals(e.getKeyword()) && e.getEvaluationPath().toString().endsWith("/properties/type/const")) {
                otherKinds.add(m.group(1) + "/" + m.group(2));
            }
        }
        List<Error> kept = new ArrayList<>();
        for (Error e : errors) {
            Matcher m = ALTERNATIVE.matcher(e.getEvaluationPath().toString());
            if (m.find()) {
                if (otherKinds.contains(m.group(1) + "/" + m.group(2))) {
                    continue;
                }
                explained.add(m.group(1));
            }
            kept.add(e);
        }
        kept.removeIf(e -> "oneOf".equals(e.getKeyword()) && explained.contains(e.getEvaluationPath().toString()));
        return kept;
    }

    /**
     * The key as a person reads it in the file ("request.paging.size"), and the validator's
     * message without the location it starts with.
     */
    private static Problem problem(Error error) {
        StringBuilder key = new StringBuilder();
        var location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                key.append('[').append(index).append(']');
            } else {
                key.append(key.isEmpty() ? "" : ".").append(element);
            }
        }
        if (error.getProperty() != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()) || "propertyNames".equals(error.getKeyword()))) {
            key.append(key.isEmpty() ? "" : ".").append(error.getProperty());
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return new Problem(key.toString(), message);
    }
}
