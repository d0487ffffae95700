package cn.shandong.chsync.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A yxlearning platform's open API for study records: JSON pages ordered by update time, the
 * vendor's envelope {code, msg, data:{total, pageNo, pageSize, pages, list}} and its field names.
 */
@RestController
@SimulatorsEnabled
class PlatformApi {

    private final Simulation simulation;
    private final SimulatorProperties properties;

    PlatformApi(Simulation simulation, SimulatorProperties properties) {
        this.simulation = simulation;
        this.properties = properties;
    }

    @GetMapping(path = "/sim/platforms/{sourceId}/api/open/study-records", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> studyRecords(@PathVariable String sourceId,
                                   @RequestHeader(name = "X-App-Key", required = false) String appKey,
                                   @RequestParam(required = false) String updateTimeStart,
                                   @RequestParam(defaultValue = "1") int pageNo,
                                   @RequestParam(defaultValue = "20") int pageSize) throws InterruptedException {
        PlatformSpec platform = Platforms.find(sourceId);
        if (platform == null) {
            return envelope(HttpStatus.NOT_FOUND, 404, "unknown platform " + sourceId, null);
        }
        if (!properties.appKey(sourceId).equals(appKey)) {
            return envelope(HttpStatus.UNAUTHORIZED, 401, "invalid app key", null);
        }
        if (pageNo < 1 || pageSize < 1 || pageSize > 1000) {
            return envelope(HttpStatus.BAD_REQUEST, 400, "pageNo >= 1 and 1 <= pageSize <= 1000", null);
        }
        LocalDateTime since;
        try {
            since = updateTimeStart == null || updateTimeStart.isBlank() ? null : LocalDateTime.parse(updateTimeStart, World.TIME);
        } catch (DateTimeParseException e) {
            return envelope(HttpStatus.BAD_REQUEST, 400, "updateTimeStart must be yyyy-MM-dd HH:mm:ss", null);
        }
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, pageNo);
        if (fault.isPresent()) {
            return SimulatorControl.answer(fault.get());
        }
        Platform.Page page = simulation.platform.page(sourceId, simulation.epoch(), since, pageNo, pageSize);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total", page.total());
        data.put("pageNo", pageNo);
        data.put("pageSize", pageSize);
        data.put("pages", (page.total() + pageSize - 1) / pageSize);
        data.put("list", page.records().stream().map(r -> platform.vendor().render(r.fields())).toList());
        return envelope(HttpStatus.OK, 0, "success", data);
    }

    private static ResponseEntity<Map<String, Object>> envelope(HttpStatus status, int code, String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", message);
        body.put("data", data);
        return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }
}
