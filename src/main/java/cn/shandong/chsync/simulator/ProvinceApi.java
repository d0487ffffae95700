package cn.shandong.chsync.simulator;

import cn.shandong.chsync.push.Signature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The provincial platform's batch intake of credit-hour records, and what it holds. */
@RestController
@SimulatorsEnabled
class ProvinceApi {

    static final int MAX_BATCH = 500;
    static final String APP_KEY = "demo-province";

    private final Simulation simulation;
    private final SignatureCheck signatures;
    private final ObjectMapper json;

    ProvinceApi(Simulation simulation, SimulatorProperties properties, ObjectMapper json) {
        this.simulation = simulation;
        this.signatures = new SignatureCheck(APP_KEY, properties.provinceSecret(), properties.signatureSkew(),
                Clock.systemUTC());
        this.json = json;
    }

    @PostMapping("/sim/province/api/v1/credit-hours/batch")
    ResponseEntity<?> batch(HttpServletRequest request, HttpServletResponse response, @RequestBody byte[] raw)
            throws InterruptedException, IOException {
        simulation.province.requestReceived();
        Optional<Faults.Hit> fault = simulation.faults.hit("province", null);
        if (fault.isPresent() && !fault.get().afterProcessing()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        Optional<String> refused = signatures.refuse(request.getMethod(), request.getRequestURI(), raw,
                request.getHeader(Signature.APP_KEY), request.getHeader(Signature.TIMESTAMP),
                request.getHeader(Signature.NONCE), request.getHeader(Signature.SIGNATURE));
        if (refused.isPresent()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 401, "msg", refused.get()));
        }
        List<Province.Item> items = json.readValue(raw, Province.Batch.class).items();
        if (items.size() > MAX_BATCH) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(Map.of("code", 413, "msg", "at most " + MAX_BATCH + " items a batch"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 0);
        answer.put("results", items.stream().map(simulation.province::take).toList());
        if (fault.isPresent()) {
            // Taken and held, but the answer is lost: the caller cannot know, and must resend.
            return SimulatorControl.answer(fault.get(), response);
        }
        return ResponseEntity.ok(answer);
    }

    /** The province's statement of a day (对账): per source, what it took, signed for like the batch intake. */
    @GetMapping("/sim/province/api/v1/tally")
    ResponseEntity<?> tally(HttpServletRequest request, @RequestParam String date) {
        Optional<String> refused = signatures.refuse(request.getMethod(), request.getRequestURI(), Map.of("date", date),
                new byte[0], request.getHeader(Signature.APP_KEY), request.getHeader(Signature.TIMESTAMP),
                request.getHeader(Signature.NONCE), request.getHeader(Signature.SIGNATURE));
        if (refused.isPresent()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 401, "msg", refused.get()));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("code", 400, "msg", "date must be YYYY-MM-DD"));
        }
        return ResponseEntity.ok(Map.of("code", 0, "date", date, "sources", simulation.province.tally(day)));
    }

    /** What the province holds for one completion key (its revision and hours): 404 when it holds none. */
    @GetMapping("/sim/province/held/{completionKey}")
    ResponseEntity<Map<String, Object>> held(@org.springframework.web.bind.annotation.PathVariable String completionKey) {
        Map<String, Object> held = simulation.province.held(completionKey);
        return held == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(held);
    }

    @GetMapping("/sim/province/stats")
    Map<String, Object> stats() {
        return simulation.province.stats();
    }
}
