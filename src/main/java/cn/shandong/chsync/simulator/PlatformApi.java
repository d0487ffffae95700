package cn.shandong.chsync.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The platforms' study-record APIs, one per vendor protocol: each answers only for platforms of
 * its vendor, with that vendor's envelope, paging, authentication and format.
 */
@RestController
@SimulatorsEnabled
class PlatformApi {

    private final Simulation simulation;
    private final SimulatorProperties properties;
    private final ObjectMapper json;

    PlatformApi(Simulation simulation, SimulatorProperties properties, ObjectMapper json) {
        this.simulation = simulation;
        this.properties = properties;
        this.json = json;
    }

    /** yxlearning: {code, msg, data:{total, pageNo, pageSize, pages, list}}, X-App-Key. */
    @GetMapping(path = "/sim/platforms/{sourceId}/api/open/study-records", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> yxlearning(@PathVariable String sourceId, @RequestHeader(name = "X-App-Key", required = false) String key,
                                 @RequestParam(required = false) String updateTimeStart,
                                 @RequestParam(defaultValue = "1") int pageNo,
                                 @RequestParam(defaultValue = "20") int pageSize, HttpServletResponse response)
            throws InterruptedException, IOException {
        PlatformSpec platform = Platforms.find(sourceId);
        Optional<ResponseEntity<?>> refused = refuse(platform, Vendor.YXLEARNING, key, pageNo, pageSize);
        if (refused.isPresent()) {
            return refused.get();
        }
        LocalDateTime since = parse(updateTimeStart, Population.TIME);
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, pageNo);
        if (fault.isPresent() && !fault.get().fault().altersAnswer()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        SimulatorControl.slowDown(fault);
        if (fault.isPresent() && fault.get().ignoresPaging()) {
            pageNo = 1;
        }
        Platform.Page page = simulation.platform.page(sourceId, simulation.epoch(), since, pageNo, pageSize);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total", page.total());
        data.put("pageNo", pageNo);
        data.put("pageSize", pageSize);
        data.put("pages", (page.total() + pageSize - 1) / pageSize);
        data.put("list", json(json, platform, page, fault));
        return envelope(HttpStatus.OK, 0, "success", data);
    }

    /** 专技知到: {success, total, records} by offset and limit, X-Api-Key, ISO times. */
    @GetMapping(path = "/sim/platforms/{sourceId}/api/v2/learner-records", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> zhidao(@PathVariable String sourceId, @RequestHeader(name = "X-Api-Key", required = false) String key,
                             @RequestParam(required = false) String updatedAfter,
                             @RequestParam(defaultValue = "0") long offset,
                             @RequestParam(defaultValue = "50") int limit, HttpServletResponse response)
            throws InterruptedException, IOException {
        PlatformSpec platform = Platforms.find(sourceId);
        Optional<ResponseEntity<?>> refused = refuse(platform, Vendor.ZHIDAO, key, offset < 0 ? 0 : 1, limit);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, (int) (offset / limit) + 1);
        if (fault.isPresent() && !fault.get().fault().altersAnswer()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        SimulatorControl.slowDown(fault);
        Platform.Page page = simulation.platform.slice(sourceId, simulation.epoch(),
                parse(updatedAfter, DateTimeFormatter.ISO_LOCAL_DATE_TIME), offset, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("total", page.total());
        body.put("records", json(json, platform, page, fault));
        return ResponseEntity.ok(body);
    }

    /** 111net: XML {@code <response><head/><body><total/><records><record/>…}} by page, AppKey header. */
    @GetMapping(path = "/sim/platforms/{sourceId}/ws/study/list")
    ResponseEntity<?> net111(@PathVariable String sourceId, @RequestHeader(name = "AppKey", required = false) String key,
                             @RequestParam(required = false) String start,
                             @RequestParam(defaultValue = "1") int page,
                             @RequestParam(defaultValue = "20") int rows, HttpServletResponse response)
            throws InterruptedException, IOException {
        PlatformSpec platform = Platforms.find(sourceId);
        Optional<ResponseEntity<?>> refused = refuse(platform, Vendor.NET111, key, page, rows);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, page);
        if (fault.isPresent() && !fault.get().fault().altersAnswer()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        SimulatorControl.slowDown(fault);
        Platform.Page records = simulation.platform.page(sourceId, simulation.epoch(), parse(start, Population.TIME), page, rows);
        String xml = photos(fault) ? XmlAndCsvPages.xml(records.total(), render(platform, records.records(), fault))
                : XmlAndCsvPages.xml(records.rendered(r -> XmlAndCsvPages.xmlRecord(platform.vendor().render(r.fields()))), records.total());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    /** huaxuedu: the day's updates as a GBK CSV file with Chinese headers; no key, an address allow-list. */
    @GetMapping(path = "/sim/platforms/{sourceId}/export/study-records.csv")
    ResponseEntity<?> huaxuedu(@PathVariable String sourceId, @RequestParam String date, HttpServletResponse response)
            throws InterruptedException, IOException {
        PlatformSpec platform = Platforms.find(sourceId);
        Optional<ResponseEntity<?>> refused = refuse(platform, Vendor.HUAXUEDU, properties.appKey(sourceId), 1, 1);
        if (refused.isPresent()) {
            return refused.get();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body("date must be yyyyMMdd");
        }
        // A day's file is its page: failPages names days as yyyyMMdd.
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, Integer.parseInt(day.format(DateTimeFormatter.BASIC_ISO_DATE)));
        if (fault.isPresent() && !fault.get().fault().altersAnswer()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        SimulatorControl.slowDown(fault);
        // The vendor writes GBK; a fault may make it write another charset (and still say GBK).
        Charset written = Charset.forName(fault.map(f -> f.fault().charset()).orElse("GBK"));
        Platform.Page records = simulation.platform.day(sourceId, simulation.epoch(), day);
        String csv = photos(fault) ? XmlAndCsvPages.csv(render(platform, records.records(), fault))
                : XmlAndCsvPages.csv(XmlAndCsvPages.HUAXUEDU_HEADER,
                        records.rendered(r -> XmlAndCsvPages.csvRow(XmlAndCsvPages.HUAXUEDU_HEADER, platform.vendor().render(r.fields()))));
        byte[] file = csv.getBytes(written);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", Charset.forName("GBK"))).body(file);
    }

    private Optional<ResponseEntity<?>> refuse(PlatformSpec platform, Vendor vendor, String key, long page, int size) {
        if (platform == null || platform.vendor() != vendor) {
            return Optional.of(envelope(HttpStatus.NOT_FOUND, 404, "unknown platform", null));
        }
        if (!properties.appKey(platform.id()).equals(key)) {
            return Optional.of(envelope(HttpStatus.UNAUTHORIZED, 401, "invalid app key", null));
        }
        if (page < 1 || size < 1 || size > 1000) {
            return Optional.of(envelope(HttpStatus.BAD_REQUEST, 400, "page >= 1 and 1 <= size <= 1000", null));
        }
        return Optional.empty();
    }

    /**
     * A JSON platform's page of records, each one written as JSON once per epoch and kept (the
     * re-syncs read every page again); with a fault that puts a photo into every record, written afresh.
     */
    static List<?> json(ObjectMapper json, PlatformSpec platform, Platform.Page page, Optional<Faults.Hit> fault) {
        if (photos(fault)) {
            return render(platform, page.records(), fault);
        }
        return page.rendered(r -> {
            try {
                return new RawValue(new RawJson(json.writeValueAsBytes(platform.vendor().render(r.fields()))));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the fault puts a photo into every record: its records are written afresh, not as kept. */
    private static boolean photos(Optional<Faults.Hit> fault) {
        return fault.map(f -> f.fault().photoBytes()).isPresent();
    }

    private static List<Map<String, Object>> render(PlatformSpec platform, List<SimRecord> records, Optional<Faults.Hit> fault) {
        Integer photoBytes = fault.map(f -> f.fault().photoBytes()).orElse(null);
        String photo = photoBytes == null ? null : Base64.getEncoder().encodeToString(new byte[photoBytes]);
        return records.stream().map(r -> {
            Map<String, Object> rendered = platform.vendor().render(r.fields());
            if (photo != null) {
                // Some platforms put the learner's ID photo (证件照) into every record.
                rendered = new LinkedHashMap<>(rendered);
                rendered.put("zp", photo);
            }
            return rendered;
        }).toList();
    }

    private static LocalDateTime parse(String text, DateTimeFormatter format) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, format);
        } catch (DateTimeParseException e) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST, "bad time " + text);
        }
    }

    private static ResponseEntity<Map<String, Object>> envelope(HttpStatus status, int code, String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", message);
        body.put("data", data);
        return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }
}
