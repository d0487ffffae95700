package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void isWrittenAsItsBytesInsideAnEnvelopeAcrossTheGeneratorsBufferEnds() throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("xm", "张三");
        record.put("xs", "6.0学时");
        record.put("zsbh", null);
        byte[] written = json.writeValueAsBytes(record);
        // enough records that some fall across the end of the generator's 8000-byte buffer
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            list.add(new RawValue(new RawJson(written)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", 500);
        page.put("list", list);

        byte[] body = json.writeValueAsBytes(page);

        JsonNode read = json.readTree(body);
        assertThat(read.path("list")).hasSize(500);
        read.path("list").forEach(r -> assertThat(r).isEqualTo(json.valueToTree(record)));
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"total\":500,\"list\":[{\"xm\":\"张三\",\"xs\":\"6.0学时\",\"zsbh\":null},");
    }

    @Test
    void hasNoQuotedFormsForItIsNotAString() {
        RawJson raw = new RawJson("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(raw.getValue()).isEqualTo("{\"a\":1}");
        assertThatThrownBy(raw::asQuotedUTF8).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("raw JSON is written as it is, not quoted as a string");
    }
}
