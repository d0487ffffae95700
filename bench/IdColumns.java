import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * bench/compliance-export's people as the service stores them: for person 1..N, a line
 * "seq TAB id_hash TAB id_cipher" of the ID number 371602 + the sequence number, hashed and
 * encrypted as IdProtection does under the demo's public keys (the service runs as the demo).
 *
 *   java bench/IdColumns.java N > ids.tsv
 */
public class IdColumns {

    public static void main(String[] args) throws Exception {
        int people = Integer.parseInt(args[0]);
        SecretKeySpec key = new SecretKeySpec(sha256("credit-hour-sync demo id-number key"), "AES");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sha256("credit-hour-sync demo id-number hash key"), "HmacSHA256"));
        SecureRandom random = new SecureRandom();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int seq = 1; seq <= people; seq++) {
                String id = String.format("371602%012d", seq);
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                cipher.updateAAD("demo".getBytes(StandardCharsets.US_ASCII));
                byte[] sealed = cipher.doFinal(id.getBytes(StandardCharsets.UTF_8));
                out.write(seq + "\t" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))) + "\tdemo:"
                        + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array())
                        + "\n");
            }
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
