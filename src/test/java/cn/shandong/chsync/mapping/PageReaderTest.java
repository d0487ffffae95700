package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shandong.chsync.mapping.MappingDefinition.Format;
import cn.shandong.chsync.mapping.MappingDefinition.Response;
import cn.shandong.chsync.mapping.MappingDefinition.Success;
import cn.shandong.chsync.record.ReasonCode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageReaderTest {

    @Test
    void readsAGbkCsvExportWithChineseHeadersAndItsDelimiter() {
        Response csv = new Response(Format.CSV, null, null, null, null, "GBK", ";");
        byte[] body = "身份证号;姓名;学时\n370602198512310041;王秀英;6.0\n37160219900101123X;刘建国;2.5\n"
                .getBytes(Charset.forName("GBK"));

        PageReader.Page page = new PageReader(csv).read(body);

        assertThat(page.items()).hasSize(2);
        assertThat(page.items().get(0).path("姓名").asText()).isEqualTo("王秀英");
        assertThat(page.items().get(1).path("学时").asText()).isEqualTo("2.5");
        assertThat(page.total()).isNull();
    }

    @Test
    void readsACsvWithABomHeadersWithSpacesAndQuotedCellsOverSeveralLines() {
        Response csv = new Response(Format.CSV, null, null, null, null, null, null);
        byte[] body = ("\uFEFFRecord No,Course Name,\"Hours, total\"\r\nR1,\"Data\nEconomy, part 1\",6\r\n"
                + "R2,\"He said \"\"ok\"\"\",2.5\r\n").getBytes(StandardCharsets.UTF_8);

        PageReader.Page page = new PageReader(csv).read(body);

        assertThat(page.items()).hasSize(2);
        assertThat(page.items().get(0).path("Record No").asText()).isEqualTo("R1");
        assertThat(page.items().get(0).path("Course Name").asText()).isEqualTo("Data\nEconomy, part 1");
        assertThat(page.items().get(0).path("Hours, total").asText()).isEqualTo("6");
        assertThat(page.items().get(1).path("Course Name").asText()).isEqualTo("He said \"ok\"");
    }

    @Test
    void aCsvHeaderIsCheckedForTheColumnsOfQuotedPaths() {
        MappingDefinition mapping = new MappingLoader(MappingFixturesTest::defaults)
                .load(java.nio.file.Path.of("mappings/zjhuaxue.mapping.yaml"));
        assertThat(mapping.response().format()).isEqualTo(Format.CSV);
        byte[] body = "a,b\n1,2\n".getBytes(Charset.forName("GBK"));

        assertThatThrownBy(() -> new PageReader(mapping).read(body)).isInstanceOfSatisfying(PageFormatException.class,
                e -> assertThat(e.getMessage()).startsWith("the header lacks the column(s) 记录编号, 身份证号"));
    }

    @Test
    void readsXmlRecordsByPathWhetherOneOrMany() {
        Response xml = new Response(Format.XML, "body.records.record", "body.total", new Success("head.code", "0"), null, null, null);
        String many = "<resp><head><code>0</code></head><body><total>2</total><records>"
                + "<record><sfzh>370602198512310041</sfzh></record><record><sfzh>37160219900101123X</sfzh></record>"
                + "</records></body></resp>";
        String one = "<resp><head><code>0</code></head><body><total>1</total><records>"
                + "<record><sfzh>370602198512310041</sfzh></record></records></body></resp>";
        String none = "<resp><head><code>0</code></head><body><total>0</total><records/></body></resp>";

        assertThat(new PageReader(xml).read(bytes(many)).items()).extracting(i -> i.path("sfzh").asText())
                .containsExactly("370602198512310041", "37160219900101123X");
        assertThat(new PageReader(xml).read(bytes(many)).total()).isEqualTo(2L);
        assertThat(new PageReader(xml).read(bytes(one)).items()).hasSize(1);
        assertThat(new PageReader(xml).read(bytes(none)).items()).isEmpty();
    }

    @Test
    void aPageThePlatformRefusedIsRejectedWithWhatItSaid() {
        Response json = new Response(Format.JSON, "data.list", null, new Success("code", "0"), "msg", null, null);

        assertThatThrownBy(() -> new PageReader(json).read(bytes("{\"code\":500,\"msg\":\"系统繁忙\",\"data\":null}")))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_REJECTED);
                    assertThat(e.getMessage()).isEqualTo("the platform answered code=500: 系统繁忙");
                });
    }

    @Test
    void aTruncatedPageIsMalformedAndKeptForSupport() {
        Response json = new Response(Format.JSON, "data.list", null, null, null, null, null);
        String cut = "{\"code\":0,\"data\":{\"list\":[{\"id\":";

        assertThatThrownBy(() -> new PageReader(json).read(bytes(cut)))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_MALFORMED);
                    assertThat(e.page()).isEqualTo(cut);
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
