package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.RecordValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hostile platform's megabyte in any field of a record costs the mapper and validator linear
 * time: each record is mapped and validated in under 50 ms of CPU (measured on this thread, so a
 * busy machine's waits do not count; the best of three tries, so a one-off stall does not either).
 */
class AdversarialFieldsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final int MEGABYTE = 1 << 20;
    /** Texts that made a pattern or a parse super-linear, each a megabyte. */
    private static final Map<String, String> HOSTILE = Map.of(
            "a tag opener and a megabyte of spaces", "<" + " ".repeat(MEGABYTE),
            "tag openers with spaces, over and over", "< /  ".repeat(MEGABYTE / 5),
            "an entity that never closes", "&#" + "a1".repeat(MEGABYTE / 2),
            "digits", "9".repeat(MEGABYTE),
            "a decimal", "1." + "0".repeat(MEGABYTE),
            "digits and spaces", "1 ".repeat(MEGABYTE / 2),
            "full-width digits", "９".repeat(MEGABYTE / 3),
            "Han characters", "学".repeat(MEGABYTE / 3));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aMegabyteInAnyFieldIsMappedAndValidatedInUnder50Milliseconds() throws Exception {
        MappingDefinition mapping = new MappingLoader(MappingFixturesTest::defaults).load(Path.of("mappings/sdbz.mapping.yaml"));
        RecordMapper mapper = new RecordMapper(mapping, new BigDecimal("5"),
                new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019, CLOCK));
        ObjectNode valid = (ObjectNode) json.readTree("""
                {"id": "r1", "sfzh": "371602198001010048", "xm": "李四", "dwmc": "滨州市人民医院", "kcbh": "K1",
                 "kcmc": "专业课", "kclb": "1", "pxlx": "01", "xs": "6", "hgsj": "2024-05-01 10:00:00", "zsbh": "Z1",
                 "zt": "1", "gxsj": "2024-05-01 10:00:00"}""");
        assertThat(mapper.map(valid).valid()).as("the record as sent").isTrue();
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        fields.add("tyshxydm");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // compiled first: what is measured is the code, not the interpreter
        for (String field : fields) {
            for (String text : HOSTILE.values()) {
                mapper.map(valid.deepCopy().put(field, text));
            }
        }

        // The best of three tries: a one-off stall (a collection, a recompilation) can push one try over,
        // while a super-linear scan or parse of a megabyte takes seconds on every try.
        List<String> slow = new ArrayList<>();
        for (String field : fields) {
            for (Map.Entry<String, String> text : HOSTILE.entrySet()) {
                ObjectNode item = valid.deepCopy().put(field, text.getValue());
                long best = Long.MAX_VALUE;
                for (int attempt = 0; attempt < 3 && best >= 50; attempt++) {
                    long started = threads.getCurrentThreadCpuTime();
                    mapper.map(item);
                    best = Math.min(best, (threads.getCurrentThreadCpuTime() - started) / 1_000_000);
                }
                if (best >= 50) {
                    slow.add(field + " = " + text.getKey() + ": " + best + " ms");
                }
            }
        }
        assertThat(slow).isEmpty();
    }
}
