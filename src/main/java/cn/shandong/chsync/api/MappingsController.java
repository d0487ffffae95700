package cn.shandong.chsync.api;

import cn.shandong.chsync.mapping.MappingCandidates;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.mapping.MappingPreview;
import cn.shandong.chsync.mapping.MappingRefused;
import cn.shandong.chsync.mapping.MappingSchema.Problem;
import cn.shandong.chsync.pull.SourceReload;
import cn.shandong.chsync.security.AuditLog;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The onboarding workbench for operators: try a mapping file on a sample page or against the
 * platform itself before it goes into mappings/ (nothing stored, nothing pushed), then have
 * mappings/ taken up without a restart. Each call is audited.
 */
@RestController
@RequestMapping("/api/mappings")
public class MappingsController {

    private final MappingCandidates candidates;
    private final MappingPreview preview;
    private final SourceReload reload;
    private final AuditLog audit;

    MappingsController(MappingCandidates candidates, MappingPreview preview, SourceReload reload, AuditLog audit) {
        this.reload = reload;
        this.candidates = candidates;
        this.preview = preview;
        this.audit = audit;
    }

    /**
     * @param mapping the mapping file's text
     * @param page    a sample page, the body as the platform sends it
     * @param fetch   true for a connection test instead: the first page (and the second where
     *                paging goes on) fetched from the platform as a sync fetches it
     */
    public record PreviewRequest(String mapping, String page, Boolean fetch) {
    }

    /** A mapping that does not load: the file and, per key, why. */
    public record Refusal(String file, List<Problem> problems) {
    }

    @PostMapping("/preview")
    public ResponseEntity<?> preview(@RequestBody PreviewRequest body) {
        boolean fetch = Boolean.TRUE.equals(body.fetch());
        if (body.mapping() == null || body.mapping().isBlank()) {
            return refused(null, new Refusal(null, List.of(new Problem("", "mapping: the mapping file's text is required"))));
        }
        if (fetch == (body.page() != null)) {
            return refused(null, new Refusal(null, List.of(new Problem("",
                    "either page (a sample page) or fetch: true (a connection test), and not both"))));
        }
        MappingDefinition mapping;
        try {
            mapping = candidates.check(body.mapping());
        } catch (MappingRefused e) {
            return refused(e.file(), new Refusal(e.file(), e.problems()));
        }
        MappingPreview.Preview answer = fetch ? preview.fetch(mapping) : preview.sample(mapping, body.page());
        long violations = answer.records().stream().filter(r -> !r.valid()).count();
        audit.record("MAPPING_PREVIEW", "mapping " + mapping.id(), (fetch ? "connection test" : "sample page") + ": "
                + answer.pages().size() + " page(s), " + answer.records().size() + " record(s), " + violations + " refused"
                + answer.pages().stream().filter(p -> p.error() != null).findFirst().map(p -> ", " + p.errorCode()).orElse(""));
        return ResponseEntity.ok(answer);
    }

    /**
     * Takes up what changed in mappings/ at once (the service also looks by itself every few
     * seconds): sources added, changed, paused because their file is gone, resumed because it is
     * back, and every file refused as things stand, with its keys and reasons.
     */
    @PostMapping("/reload")
    public SourceReload.Outcome reload() {
        return reload.reload();
    }

    private ResponseEntity<Refusal> refused(String file, Refusal refusal) {
        audit.record("MAPPING_PREVIEW_REFUSED", file == null ? "mapping" : "mapping " + file,
                refusal.problems().stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        return ResponseEntity.badRequest().body(refusal);
    }
}
