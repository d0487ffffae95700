package cn.shandong.chsync.console;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.pull.SourceCatalog;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 接入调试, the onboarding workbench: a mapping file in an editor (a running source's file as a
 * start), tried on a sample page or by a connection test. The page's script calls the API's
 * POST /api/mappings/preview, so the console shows exactly what the API answers.
 */
@Hidden
@Controller
@RequestMapping("/console/mappings")
class MappingsPage {

    private final SourceCatalog catalog;
    private final SyncProperties properties;

    MappingsPage(SourceCatalog catalog, SyncProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @GetMapping
    String workbench(@RequestParam(required = false) String source, Model model) throws IOException {
        model.addAttribute("sources", catalog.ids());
        // the reasons' names in the reader's language, for the preview's refused records (mappings.js)
        model.addAttribute("reasons", java.util.Arrays.stream(cn.shandong.chsync.record.ReasonCode.values()).map(Enum::name).toList());
        String text = "";
        // only a known source's own file: the parameter never names a path
        if (source != null && catalog.find(source).isPresent()) {
            var file = properties.mappingsDir().resolve(source + ".mapping.yaml");
            if (Files.isRegularFile(file)) {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        }
        model.addAttribute("source", source);
        model.addAttribute("mapping", text);
        return "console/mappings";
    }
}
