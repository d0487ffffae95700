package cn.shandong.chsync.push;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provincial platform's request signature: HMAC-SHA256, with the app secret, over the method,
 * the path, the query sorted by name, the SHA-256 of the body, the timestamp and the nonce, one
 * per line; sent Base64 in X-Signature beside X-App-Key, X-Timestamp (epoch ms) and X-Nonce.
 */
public final class Signature {

    public static final String APP_KEY = "X-App-Key";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String NONCE = "X-Nonce";
    public static final String SIGNATURE = "X-Signature";

    private Signature() {
    }

    public static String sign(String secret, String method, String path, Map<String, String> query, byte[] body,
                              long timestamp, String nonce) {
        String canonical = String.join("\n", method.toUpperCase(), path, sortedQuery(query), sha256Hex(body),
                Long.toString(timestamp), nonce);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    /** Compares in constant time, so a forger learns nothing from how long a refusal took. */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String sortedQuery(Map<String, String> query) {
        return new TreeMap<>(query).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JVM", e);
        }
    }
}
