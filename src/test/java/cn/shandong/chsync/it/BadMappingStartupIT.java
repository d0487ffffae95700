package cn.shandong.chsync.it;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.shandong.chsync.CreditHourSyncApplication;
import cn.shandong.chsync.mapping.MappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A mistake in a mapping file stops the service before any route starts, naming file and field. */
class BadMappingStartupIT {

    @TempDir
    Path home;

    @Test
    void startUpFailsNamingTheFileAndTheField() throws IOException {
        // given the shipped routes and mappings, with one code table entry misspelt
        Folders.copy(Path.of("routes"), home.resolve("routes"));
        Folders.copy(Path.of("mappings"), home.resolve("mappings"));
        Path sdbz = home.resolve("mappings/sdbz.mapping.yaml");
        Files.writeString(sdbz, Files.readString(sdbz) + "fields:\n  subject: { path: kclb, codes: { \"1\": PUBLICK } }\n");

        // when the service starts from that folder
        // (as command-line arguments: they outrank application.yaml, as an operator's would)
        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(CreditHourSyncApplication.class).run(
                "--sync.home=" + home, "--server.port=0", "--sync.sync-on-start=false", "--sync.scheduler.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:bad-mapping;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
                .close());

        // then it does not start, and says where the mistake is: the schema, checked first, names the entry
        assertThat(NestedExceptionUtils.getMostSpecificCause(thrown))
                .isInstanceOf(MappingException.class)
                .hasMessage("sdbz.mapping.yaml: fields.subject.codes.1: does not have a value in the enumeration"
                        + " [\"PUBLIC\", \"PROFESSIONAL\"]");
    }

}
