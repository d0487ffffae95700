package cn.shandong.chsync.simulator;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ground truth, epochs and faults: how tests and demos steer the simulators. */
@RestController
@SimulatorsEnabled
class SimulatorControl {

    private final Simulation simulation;

    SimulatorControl(Simulation simulation) {
        this.simulation = simulation;
    }

    @GetMapping("/sim/expected")
    Map<String, Object> expected() {
        Expected e = simulation.expected();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("epoch", simulation.epoch());
        body.putAll(fields(e));
        Map<String, Object> sources = new LinkedHashMap<>();
        simulation.world.platforms().forEach(p -> sources.put(p.id(), fields(simulation.expected(p.id()))));
        body.put("sources", sources);
        // city → year → the people the compliance report lists, how many met the requirement, and the rate
        Map<String, Object> compliance = new LinkedHashMap<>();
        simulation.compliance().forEach((city, years) -> {
            Map<String, Object> byYear = new LinkedHashMap<>();
            years.forEach((year, c) -> byYear.put(String.valueOf(year), Map.of("people", c.people(), "met", c.met(),
                    "rate", c.people() == 0 ? 0.0 : Math.round(c.met() * 1000.0 / c.people()) / 10.0)));
            compliance.put(city, byYear);
        });
        body.put("compliance", compliance);
        return body;
    }

    @GetMapping("/sim/control")
    Map<String, Object> state() {
        return Map.of("epoch", simulation.epoch(), "faults", simulation.faults.list(), "faultsHit", simulation.faults.hits(),
                "records", simulation.platform.visible(simulation.epoch()).size());
    }

    @PostMapping("/sim/control/epoch/{epoch}")
    ResponseEntity<Map<String, Object>> epoch(@PathVariable int epoch) {
        if (epoch < 1 || epoch > 2) {
            return ResponseEntity.badRequest().body(Map.of("error", "epochs 1 and 2 exist"));
        }
        simulation.epoch(epoch);
        return ResponseEntity.ok(state());
    }

    @PostMapping("/sim/control/reset")
    Map<String, Object> reset() {
        simulation.reset();
        return state();
    }

    @PostMapping("/sim/control/faults")
    Map<String, Object> addFault(@RequestBody Faults.Fault fault) {
        simulation.faults.add(fault);
        return state();
    }

    @DeleteMapping("/sim/control/faults")
    Map<String, Object> clearFaults() {
        simulation.faults.clear();
        return state();
    }

    /**
     * The answer a fault gives instead of the real one. A cut-off answer promises more than it
     * sends, then the connection is dropped: the caller sees it close mid-body.
     */
    static ResponseEntity<?> answer(Faults.Hit hit, HttpServletResponse response) throws InterruptedException, IOException {
        if (hit.delayMs() > 0) {
            Thread.sleep(hit.delayMs());
        }
        if (hit.cutsOff()) {
            byte[] start = "{\"code\":0,\"msg\":\"success\",\"data\":{\"list\":[".getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(64 * 1024);
            response.getOutputStream().write(start);
            response.flushBuffer();
            // Thrown after the answer is committed, the server can only drop the connection.
            throw new ConnectionCut();
        }
        if (hit.malformed()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"code\":0,\"msg\":\"success\",\"data\":{\"list\":[{\"id\":");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.valueOf(hit.status()));
        if (hit.fault().retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, hit.fault().retryAfterSeconds().toString());
        }
        return answer.body(Map.of("code", hit.status(), "msg", "simulated fault"));
    }

    /** A fault that only slows the answer: waits its delay. */
    static void slowDown(Optional<Faults.Hit> fault) throws InterruptedException {
        if (fault.isPresent() && fault.get().fault().slowOnly()) {
            Thread.sleep(fault.get().delayMs());
        }
    }

    /** Ends a request by dropping its connection mid-answer (see {@link #answer}). */
    static final class ConnectionCut extends RuntimeException {
        ConnectionCut() {
            super("simulated: connection cut mid-answer", null, false, false);
        }
    }

    private static Map<String, Object> fields(Expected e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validCompletions", e.validCompletions());
        m.put("badRecords", e.badRecords());
        m.put("crossSourceDuplicates", e.crossSourceDuplicates());
        m.put("revisions", e.revisions());
        m.put("revocations", e.revocations());
        m.put("provinceRejected", e.provinceRejected());
        m.put("badRecordsByReason", e.badRecordsByReason());
        return m;
    }
}
