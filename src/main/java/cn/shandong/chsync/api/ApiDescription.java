package cn.shandong.chsync.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs, read by Swagger UI at /swagger-ui.html. */
@Configuration
class ApiDescription {

    @Bean
    OpenAPI creditHourSyncApi() {
        return new OpenAPI().info(new Info()
                        .title("credit-hour-sync")
                        .version("1")
                        .description("Pulls continuing-education completions (学时) from Shandong's city and base "
                                + "learning platforms, de-duplicates them and pushes them to the provincial credit-hour "
                                + "bank. Operators: sources, runs, alerts. Support staff: reconciliation, people's "
                                + "traces, the daily statement (对账). /sim/** are the built-in simulators."))
                .addTagsItem(new Tag().name("sources-controller").description("platforms: sync now, pause, resume, schedule"))
                .addTagsItem(new Tag().name("mappings-controller")
                        .description("onboarding: try a mapping file (sample page or connection test), reload mappings/"))
                .addTagsItem(new Tag().name("runs-controller").description("run history, live progress, counts per day"))
                .addTagsItem(new Tag().name("reconciliation-controller").description("the workbench: filter, retry, resolve, ignore"))
                .addTagsItem(new Tag().name("tally-controller").description("the daily statement (对账), JSON or CSV"));
    }
}
