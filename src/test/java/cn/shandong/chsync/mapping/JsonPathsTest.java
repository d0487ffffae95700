package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathsTest {

    @ParameterizedTest(name = "{0} at {1} reads as {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"data\":{\"list\":[{\"xs\":2E+1}]}}|data.list[0].xs|20.0",
            "{\"xs\":20.50}|xs|20.5",
            "{\"xs\":\"6.0学时\"}|xs|6.0学时",
            "{\"ok\":true}|ok|true",
    })
    void readsScalarsAsPlainText(String json, String path, String text) throws Exception {
        assertThat(JsonPaths.text(new ObjectMapper().readTree(json), JsonPaths.pointer(path))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} at {1} is absent")
    @CsvSource(delimiter = '|', value = {"{\"xs\":null}|xs", "{\"a\":{}}|a.b"})
    void readsNullAndMissingAsNull(String json, String path) throws Exception {
        assertThat(JsonPaths.text(new ObjectMapper().readTree(json), JsonPaths.pointer(path))).isNull();
    }
}
