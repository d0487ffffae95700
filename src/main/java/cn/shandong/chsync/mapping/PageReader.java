package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.ReasonCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one page of a platform, in the format its mapping names, into items the
 * {@link RecordMapper} can map: JSON and XML by the path of the record list, CSV row by row with
 * the header naming each field. A page that cannot be read is a {@link PageFormatException}.
 */
public final class PageReader {

    /** How much of an unusable page is kept for support to look at. */
    private static final int EXCERPT = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();
    private static final CsvMapper CSV = new CsvMapper();

    /** The records of a page, and the total the platform says it holds (null when it does not say). */
    public record Page(List<JsonNode> items, Long total, JsonNode envelope) {
    }

    private final MappingDefinition.Response response;
    private final Charset charset;
    /** CSV: the columns the mapping reads without a default; a header without one of them is not this file. */
    private final List<String> columns;

    public PageReader(MappingDefinition.Response response) {
        this(response, List.of());
    }

    public PageReader(MappingDefinition mapping) {
        this(mapping.response(), mapping.fields().values().stream()
                .filter(f -> f.path() != null && f.constant() == null && f.defaultValue() == null)
                // the column is the path's first key, quoted or not
                .map(f -> JsonPaths.pointer(f.path()).getMatchingProperty()).distinct().toList());
    }

    private PageReader(MappingDefinition.Response response, List<String> columns) {
        this.response = response;
        this.charset = response.charset() == null ? StandardCharsets.UTF_8 : Charset.forName(response.charset());
        this.columns = columns;
    }

    public Page read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page is empty", "");
        }
        return switch (response.format()) {
            // Decoded leniently first: bytes of another charset inside one record become U+FFFD
            // there, and that record alone is refused (TEXT_ENCODING_BROKEN), not the page.
            case JSON -> fromTree(body, json(body));
            // XML declares its encoding in its prolog, and the parser honours it.
            case XML -> fromTree(body, parse(XML, null, body, "XML"));
            case CSV -> csv(body);
        };
    }

    /**
     * UTF-8, as nearly every page is, is parsed from its bytes; the parser refuses a byte sequence
     * that is not UTF-8, and such a page is read again the lenient way, which confines the damage
     * to the records holding it. Decoding the whole page to text first costs a copy of every page
     * for the few that need it.
     */
    private JsonNode json(byte[] body) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            try {
                return JSON.readTree(body);
            } catch (IOException notUtf8OrNotJson) {
                // read below, where a page that is not JSON at all gets its reason
            }
        }
        return parse(JSON, new String(body, charset), body, "JSON");
    }

    private JsonNode parse(ObjectMapper mapper, String text, byte[] body, String format) {
        try {
            return text != null ? mapper.readTree(text) : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page is not " + format + ": " + e.getOriginalMessage(),
                    excerpt(body));
        } catch (IOException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page could not be read: " + e, excerpt(body));
        }
    }

    private Page fromTree(byte[] body, JsonNode page) {
        if (response.success() != null) {
            String outcome = JsonPaths.text(page, JsonPaths.pointer(response.success().path()));
            if (!Objects.equals(outcome, response.success().equals())) {
                String said = response.message() == null ? "" : ": " + JsonPaths.text(page, JsonPaths.pointer(response.message()));
                throw new PageFormatException(ReasonCode.PAGE_REJECTED,
                        "the platform answered " + response.success().path() + "=" + outcome + said, excerpt(body));
            }
        }
        JsonNode list = page.at(JsonPaths.pointer(response.items()));
        List<JsonNode> items = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(items::add);
        } else if (list.isObject() && response.format() == MappingDefinition.Format.XML) {
            // XML cannot tell a list of one from a single element.
            items.add(list);
        } else if (!emptyXmlList(page, list)) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page has no list at " + response.items(), excerpt(body));
        }
        return new Page(items, total(page), page);
    }

    /** An empty XML list is its element with nothing inside: {@code <records/>} for "records.record". */
    private boolean emptyXmlList(JsonNode page, JsonNode list) {
        if (response.format() != MappingDefinition.Format.XML) {
            return false;
        }
        if (list.isTextual()) {
            return list.asText().isBlank();
        }
        int cut = response.items().lastIndexOf('.');
        JsonNode parent = cut < 0 ? page : page.at(JsonPaths.pointer(response.items().substring(0, cut)));
        return list.isMissingNode() && parent.isTextual() && parent.asText().isBlank();
    }

    private Page csv(byte[] body) {
        String text = strictlyDecoded(body);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        checkHeader(text, body);
        char delimiter = response.delimiter() == null ? ',' : response.delimiter().charAt(0);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(delimiter);
        List<JsonNode> items = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema).readValues(text)) {
            while (rows.hasNextValue()) {
                items.add(JSON.valueToTree(rows.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page is not CSV: " + e.getMessage(), excerpt(body));
        }
        return new Page(items, null, null);
    }

    /** A file is written in one charset; where its bytes are not that charset, the whole file is another. */
    private String strictlyDecoded(byte[] body) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PageFormatException(ReasonCode.PAGE_WRONG_CHARSET, "the file is not " + charset.name()
                    + " as the mapping says (" + e.getMessage() + "); was it written in another charset?", excerpt(body));
        }
    }

    private void checkHeader(String text, byte[] body) {
        int end = text.indexOf('\n');
        String header = (end < 0 ? text : text.substring(0, end)).strip();
        List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty() && !header.isEmpty()) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the header lacks the column(s) " + String.join(", ", missing)
                    + " the mapping reads; it is: " + (header.length() > 300 ? header.substring(0, 300) + "…" : header)
                    + " (a file in another charset than " + charset.name() + " reads like this too)", excerpt(body));
        }
    }

    private Long total(JsonNode page) {
        if (response.total() == null) {
            return null;
        }
        String text = JsonPaths.text(page, JsonPaths.pointer(response.total()));
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String excerpt(byte[] body) {
        return new String(body, 0, Math.min(body.length, EXCERPT), charset);
    }
}
