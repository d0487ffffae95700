package cn.shandong.chsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tyjrp vendor's API: a login that trades the app id and secret for a bearer token, and
 * study records paged by an opaque cursor that each page hands out for the next.
 */
@RestController
@SimulatorsEnabled
class TokenApi {

    static final long LIFETIME_SECONDS = 7200;

    private final Simulation simulation;
    private final SimulatorProperties properties;
    private final ObjectMapper json;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    TokenApi(Simulation simulation, SimulatorProperties properties, ObjectMapper json) {
        this.simulation = simulation;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping("/sim/platforms/{sourceId}/oauth/token")
    ResponseEntity<Map<String, Object>> login(@PathVariable String sourceId, @RequestBody Map<String, String> credentials) {
        PlatformSpec platform = Platforms.find(sourceId);
        if (platform == null || platform.vendor() != Vendor.TYJRP
                || !sourceId.equals(credentials.get("appId")) || !properties.appKey(sourceId).equals(credentials.get("appSecret"))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 401, "message", "bad credentials"));
        }
        String token = UUID.randomUUID().toString();
        issued.add(token);
        return ResponseEntity.ok(Map.of("code", 200, "message", "ok",
                "data", Map.of("access_token", token, "expires_in", LIFETIME_SECONDS)));
    }

    @GetMapping("/sim/platforms/{sourceId}/openapi/v1/study/records")
    ResponseEntity<?> records(@PathVariable String sourceId,
                              @RequestHeader(name = "Authorization", required = false) String authorization,
                              @RequestParam(required = false) Long modifiedAfter,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(defaultValue = "50") int size, HttpServletResponse response)
            throws InterruptedException, IOException {
        PlatformSpec platform = Platforms.find(sourceId);
        if (platform == null || platform.vendor() != Vendor.TYJRP) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", 404, "message", "unknown platform"));
        }
        if (authorization == null || !authorization.startsWith("Bearer ") || !issued.contains(authorization.substring(7))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 401, "message", "token invalid or expired"));
        }
        long offset = cursor == null ? 0 : Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        Optional<Faults.Hit> fault = simulation.faults.hit(sourceId, (int) (offset / Math.max(size, 1)) + 1);
        if (fault.isPresent() && !fault.get().fault().altersAnswer()) {
            return SimulatorControl.answer(fault.get(), response);
        }
        SimulatorControl.slowDown(fault);
        LocalDateTime since = modifiedAfter == null ? null
                : LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(modifiedAfter), ZoneId.of("Asia/Shanghai"));
        Platform.Page page = simulation.platform.slice(sourceId, simulation.epoch(), since, offset, size);
        long next = offset + page.records().size();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("records", PlatformApi.json(json, platform, page, fault));
        data.put("nextCursor", next < page.total()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(next).getBytes(StandardCharsets.UTF_8)) : null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 200);
        body.put("message", "ok");
        body.put("data", data);
        return ResponseEntity.ok(body);
    }

    /** Every token is void, as after the platform restarts: the next request must log in again. */
    void revokeAll() {
        issued.clear();
    }
}
