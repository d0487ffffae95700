package cn.shandong.chsync.mapping;

import cn.shandong.chsync.mapping.MappingDefinition.FieldSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.quartz.CronExpression;

/**
 * Reads the mapping files and checks each against the canonical model before any route starts,
 * so a mistake stops start-up with the file and field named instead of failing records later.
 * Longer than most because every check of a mapping file is here, each with the message that
 * names the file and field: a file is refused in one place, at one time.
 */
public final class MappingLoader {

    static final String SUFFIX = ".mapping.yaml";
    static final String VENDOR_SUFFIX = ".vendor.yaml";
    static final String VENDORS = "vendors";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final UnaryOperator<String> placeholders;

    /** @param placeholders resolves ${...} in request strings; throws when one cannot be resolved */
    public MappingLoader(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * Every mapping file of the folder, each checked against mappings/mapping.schema.json first
     * (and every vendor file against vendor.schema.json), as a reload and the workbench check
     * them: a file the schema refuses stops start-up with its keys and the schema's reasons, so
     * the service never runs a file it would refuse to reload.
     */
    public List<MappingDefinition> loadAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new MappingException("mapping folder " + directory.toAbsolutePath() + " does not exist");
        }
        MappingSchema schema = MappingSchema.in(directory);
        Path vendors = directory.resolve(VENDORS);
        if (Files.isDirectory(vendors)) {
            try (Stream<Path> files = Files.list(vendors)) {
                files.filter(p -> p.getFileName().toString().endsWith(VENDOR_SUFFIX)).sorted()
                        .forEach(p -> checkSchema(VENDORS + "/" + p.getFileName(), p, schema::checkVendor));
            } catch (IOException e) {
                throw new MappingException("cannot list " + vendors, e);
            }
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<MappingDefinition> all = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .map(p -> {
                        checkSchema(p.getFileName().toString(), p, schema::checkMapping);
                        return load(p);
                    })
                    .toList();
            if (all.isEmpty()) {
                throw new MappingException("mapping folder " + directory.toAbsolutePath() + " holds no *" + SUFFIX);
            }
            return all;
        } catch (IOException e) {
            throw new MappingException("cannot list " + directory, e);
        }
    }

    /** "name: key: reason; key: reason", as the loader's own checks word a refusal. */
    private static void checkSchema(String name, Path file, Function<String, List<MappingSchema.Problem>> check) {
        List<MappingSchema.Problem> problems;
        try {
            problems = check.apply(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MappingException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new MappingException(name + ": " + problems.stream().map(MappingSchema.Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
    }

    public MappingDefinition load(Path file) {
        String name = file.getFileName().toString();
        MappingDefinition mapping;
        try {
            JsonNode source = yaml.readTree(file.toFile());
            if (source == null || !source.isObject()) {
                throw new MappingException(name + ": not a mapping (expected keys id, name, cityCode, …)");
            }
            JsonNode vendor = source.path("vendor");
            if (vendor.isTextual()) {
                Path shared = file.resolveSibling(VENDORS).resolve(vendor.asText() + VENDOR_SUFFIX);
                if (!Files.isRegularFile(shared)) {
                    throw new MappingException(name + ": vendor: '" + vendor.asText() + "' has no " + VENDORS + "/"
                            + vendor.asText() + VENDOR_SUFFIX);
                }
                name = name + " (with " + VENDORS + "/" + shared.getFileName() + ")";
                source = merge(yaml.readTree(shared.toFile()), source);
            }
            mapping = yaml.treeToValue(source, MappingDefinition.class);
        } catch (JsonProcessingException e) {
            throw new MappingException(name + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MappingException(name + ": cannot be read: " + e.getMessage(), e);
        }
        String id = file.getFileName().toString();
        List<String> problems = new ArrayList<>();
        check(mapping, id.substring(0, id.length() - SUFFIX.length()), problems);
        if (!problems.isEmpty()) {
            throw new MappingException(name + ": " + String.join("; ", problems));
        }
        return mapping;
    }

    /**
     * The vendor's shared definition with the source's own keys laid over it: objects merge key
     * by key, anything else the source states replaces the vendor's.
     */
    static JsonNode merge(JsonNode vendor, JsonNode source) {
        if (!(vendor instanceof ObjectNode base) || !source.isObject()) {
            return source;
        }
        ObjectNode merged = base.deepCopy();
        source.fields().forEachRemaining(e -> merged.set(e.getKey(),
                merged.has(e.getKey()) ? merge(merged.get(e.getKey()), e.getValue()) : e.getValue()));
        return merged;
    }

    private void check(MappingDefinition m, String expectedId, List<String> problems) {
        require(m.id() != null && m.id().equals(expectedId), "id: must be '" + expectedId + "', the file's name", problems);
        require(m.name() != null && !m.name().isBlank(), "name: required", problems);
        require(m.cityCode() != null && m.cityCode().matches("\\d{6}"), "cityCode: six digits of GB/T 2260 required", problems);
        require(m.schedule() != null && CronExpression.isValidExpression(m.schedule()),
                "schedule: '" + m.schedule() + "' is not a Quartz cron expression", problems);
        checkRequest(m.request(), problems);
        checkResponse(m.response(), problems);
        checkFields(m.fields() == null ? Map.of() : m.fields(), problems);
    }

    private void checkRequest(MappingDefinition.Request request, List<String> problems) {
        if (request == null) {
            problems.add("request: required");
            return;
        }
        require(request.baseUrl() != null && request.path() != null, "request: baseUrl and path are required", problems);
        checkPaging(request.paging(), problems);
        // No cursor: the platform has no updated-since filter, and each pass reads it from its first page.
        var cursor = request.cursor();
        if (cursor != null) {
            require(cursor.field() != null && cursor.format() != null,
                    "request.cursor: field and format are required (or no cursor at all, for a platform without an"
                            + " updated-since filter)", problems);
            checkPath("request.cursor.field", cursor.field(), problems);
            if (cursor.format() != null) {
                // read from the cursor field, and written as the cursor parameter
                checkFormat("request.cursor.format", cursor.format(), problems);
            }
            if (request.paging() != null && request.paging().type() != MappingDefinition.PagingType.DAILY_FILE) {
                require(cursor.param() != null, "request.cursor.param: required unless paging is DAILY_FILE", problems);
            }
        }
        var auth = request.auth();
        if (auth != null) {
            require(auth.type() != null && auth.path() != null && auth.tokenPath() != null && auth.header() != null,
                    "request.auth: type, path, tokenPath and header are required", problems);
        }
        try {
            if (auth != null && auth.body() != null) {
                auth.body().values().forEach(placeholders::apply);
            }
            placeholders.apply(request.baseUrl());
            if (request.headers() != null) {
                request.headers().values().forEach(placeholders::apply);
            }
        } catch (RuntimeException e) {
            problems.add("request: " + e.getMessage());
        }
    }

    private static void checkPaging(MappingDefinition.Paging p, List<String> problems) {
        if (p == null || p.type() == null) {
            problems.add("request.paging.type: PAGE_NUMBER, OFFSET_LIMIT, NEXT_TOKEN or DAILY_FILE is required");
            return;
        }
        String at = "request.paging (" + p.type() + "): ";
        switch (p.type()) {
            case PAGE_NUMBER -> require(p.pageParam() != null && p.sizeParam() != null && positive(p.size()),
                    at + "pageParam, sizeParam and a positive size are required", problems);
            case OFFSET_LIMIT -> require(p.offsetParam() != null && p.limitParam() != null && positive(p.size()),
                    at + "offsetParam, limitParam and a positive size are required", problems);
            case NEXT_TOKEN -> require(p.tokenParam() != null && p.tokenPath() != null && positive(p.size()),
                    at + "tokenParam, tokenPath and a positive size are required", problems);
            case DAILY_FILE -> {
                require(p.dateParam() != null && p.dateFormat() != null && p.firstDate() != null,
                        at + "dateParam, dateFormat and firstDate are required", problems);
                if (p.dateFormat() != null) {
                    checkDayFormat("request.paging.dateFormat", p.dateFormat(), problems);
                }
            }
        }
    }

    private static boolean positive(Integer n) {
        return n != null && n > 0;
    }

    private static void checkResponse(MappingDefinition.Response response, List<String> problems) {
        if (response == null || response.format() == null) {
            problems.add("response.format: JSON, CSV or XML is required");
            return;
        }
        if (response.format() == MappingDefinition.Format.CSV) {
            require(response.delimiter() == null || response.delimiter().length() == 1,
                    "response.delimiter: one character", problems);
        } else {
            require(response.items() != null, "response.items: the path of the record list is required", problems);
            checkPath("response.items", response.items(), problems);
            checkPath("response.total", response.total(), problems);
        }
        if (response.charset() != null) {
            require(Charset.isSupported(response.charset()), "response.charset: '" + response.charset() + "' is unknown", problems);
        }
    }

    private void checkFields(Map<String, FieldSpec> fields, List<String> problems) {
        for (String key : fields.keySet()) {
            if (CanonicalField.byKey(key).isEmpty()) {
                problems.add("fields." + key + ": not a canonical field (known: "
                        + Arrays.stream(CanonicalField.values()).map(CanonicalField::key).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (CanonicalField field : CanonicalField.values()) {
            FieldSpec spec = fields.get(field.key());
            if (spec == null) {
                require(!field.required(), "fields." + field.key() + ": required mapping is missing", problems);
                continue;
            }
            String at = "fields." + field.key();
            checkPath(at + ".path", spec.path(), problems);
            require(spec.path() != null || spec.constant() != null || spec.defaultValue() != null,
                    at + ": needs a path, a constant or a default", problems);
            if (field.codedAs() != null) {
                checkCodes(at, field.codedAs(), spec, problems);
            }
            if ((field == CanonicalField.COMPLETION_DATE || field == CanonicalField.SOURCE_UPDATED_AT)) {
                require(spec.format() != null, at + ".format: a date format is required", problems);
                if (spec.format() != null) {
                    checkFormat(at + ".format", spec.format(), problems);
                }
            }
            if (field == CanonicalField.AMOUNT) {
                require(spec.unit() != null, at + ".unit: HOURS, CREDITS or POINTS is required", problems);
            }
        }
    }

    private static void checkCodes(String at, Class<? extends Enum<?>> type, FieldSpec spec, List<String> problems) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (spec.path() != null) {
            require(spec.codes() != null && !spec.codes().isEmpty(), at + ".codes: a code table is required", problems);
        }
        if (spec.codes() != null) {
            spec.codes().forEach((code, value) -> require(allowed.contains(value),
                    at + ".codes: '" + code + "' maps to '" + value + "', which is not one of " + allowed, problems));
        }
        for (String fixed : new String[] {spec.constant(), spec.defaultValue()}) {
            require(fixed == null || allowed.contains(fixed), at + ": '" + fixed + "' is not one of " + allowed, problems);
        }
    }

    /** A path must be one (see JsonPaths for the syntax). */
    private static void checkPath(String at, String path, List<String> problems) {
        if (path == null) {
            return;
        }
        try {
            JsonPaths.pointer(path);
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
        }
    }

    /** A format is checked by a round trip (see ValueParsers.roundTripProblem): written, read back, the same. */
    private static void checkFormat(String at, String format, List<String> problems) {
        String problem = ValueParsers.roundTripProblem(format);
        if (problem != null) {
            problems.add(at + ": " + problem);
        }
    }

    /** A daily file's date is written into its request and nothing else: a date must survive the trip. */
    private static void checkDayFormat(String at, String format, List<String> problems) {
        LocalDate sample = LocalDate.of(2025, 12, 31);
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(format);
            String written = sample.format(formatter);
            if (!LocalDate.parse(written, formatter).equals(sample)) {
                problems.add(at + ": '" + format + "' writes " + sample + " as '" + written + "', which reads back as another day");
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problems.add(at + ": '" + format + "' cannot write a day and read it back (" + e.getMessage() + ")");
        }
    }

    private static void require(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
