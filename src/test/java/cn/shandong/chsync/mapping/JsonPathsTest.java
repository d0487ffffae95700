package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathsTest {

    @ParameterizedTest(name = "{0} at {1} reads as {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"data\":{\"list\":[{\"xs\":2E+1}]}}|data.list[0].xs|20.0",
            "{\"xs\":20.50}|xs|20.5",
            "{\"xs\":\"6.0学时\"}|xs|6.0学时",
            "{\"ok\":true}|ok|true",
            "{\"items\":[{\"a\":1},{\"a\":2}]}|items[1].a|2",
            "{\"meta\":{\"a.b\":{\"c\":\"x\"}}}|meta['a.b'].c|x",
            "{\"a.b\":\"y\"}|[\"a.b\"]|y",
            "{\"Course Name\":\"z\"}|Course Name|z",
            "{\"Course Name\":\"z\"}|['Course Name']|z",
            "{\"a/b\":{\"~c\":\"w\"}}|a/b.~c|w",
            "{\"rows\":[[\"p\",\"q\"]]}|rows[0][1]|q",
    })
    void readsScalarsAsPlainText(String json, String path, String text) throws Exception {
        assertThat(JsonPaths.text(new ObjectMapper().readTree(json), JsonPaths.pointer(path))).isEqualTo(text);
    }

    @Test
    void anXmlElementsTextBesideItsAttributesHasAPathOfItsOwn() throws Exception {
        JsonNode record = new XmlMapper().readTree("<record><course code=\"C-X1\" type=\"1\">公需·数字经济</course>"
                + "<teacher>李老师</teacher><room code=\"R1\"/></record>");

        assertThat(JsonPaths.text(record, JsonPaths.pointer("course#text"))).isEqualTo("公需·数字经济");
        assertThat(JsonPaths.text(record, JsonPaths.pointer("course.code"))).isEqualTo("C-X1");
        assertThat(JsonPaths.text(record, JsonPaths.pointer("course.type"))).isEqualTo("1");
        // an element without attributes is its text, with #text or without
        assertThat(JsonPaths.text(record, JsonPaths.pointer("teacher#text"))).isEqualTo("李老师");
        assertThat(JsonPaths.text(record, JsonPaths.pointer("teacher"))).isEqualTo("李老师");
        // attributes and no text: no text
        assertThat(JsonPaths.text(record, JsonPaths.pointer("room#text"))).isNull();
    }

    @ParameterizedTest(name = "{0} is not a path")
    @ValueSource(strings = {"a..b", "a.", "items[x]", "items[0", "['a.b'", "[\"a']", ".a", "#text"})
    void refusesWhatIsNotAPath(String path) {
        assertThatThrownBy(() -> JsonPaths.pointer(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + path + "': ");
    }

    @ParameterizedTest(name = "{0} at {1} is absent")
    @CsvSource(delimiter = '|', value = {"{\"xs\":null}|xs", "{\"a\":{}}|a.b"})
    void readsNullAndMissingAsNull(String json, String path) throws Exception {
        assertThat(JsonPaths.text(new ObjectMapper().readTree(json), JsonPaths.pointer(path))).isNull();
    }
}
