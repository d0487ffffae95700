package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureTest {

    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsAnIndependentHmacSha256ImplementationDoes() {
        // the expected value comes from Python's hmac/hashlib over the same canonical lines
        Map<String, String> query = new LinkedHashMap<>();
        query.put("b", "2");
        query.put("a", "1");

        String signature = Signature.sign("demo-province-secret", "post", "/sim/province/api/v1/credit-hours/batch",
                query, BODY, 1767225600000L, "n-1");

        assertThat(signature).isEqualTo("rTpm6NSHqRrz0OrGgkzIsAUuJ3O5BOiJk8sYkAry9e8=");
    }

    @Test
    void anyChangeToTheRequestChangesTheSignature() {
        String base = Signature.sign("s", "POST", "/p", Map.of(), BODY, 1L, "n");

        assertThat(Signature.sign("s", "POST", "/p", Map.of(), "{}".getBytes(StandardCharsets.UTF_8), 1L, "n")).isNotEqualTo(base);
        assertThat(Signature.sign("s", "POST", "/q", Map.of(), BODY, 1L, "n")).isNotEqualTo(base);
        assertThat(Signature.sign("s", "POST", "/p", Map.of(), BODY, 2L, "n")).isNotEqualTo(base);
        assertThat(Signature.sign("s", "POST", "/p", Map.of(), BODY, 1L, "m")).isNotEqualTo(base);
        assertThat(Signature.sign("t", "POST", "/p", Map.of(), BODY, 1L, "n")).isNotEqualTo(base);
        assertThat(Signature.matches(base, base)).isTrue();
        assertThat(Signature.matches(base, null)).isFalse();
    }
}
