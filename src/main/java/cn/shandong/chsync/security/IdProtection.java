package cn.shandong.chsync.security;

import cn.shandong.chsync.dedupe.Fingerprint;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.record.CreditRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data at rest: an ID number (or a raw record that holds one) is stored encrypted with
 * AES-256-GCM under a key id, so keys can be rotated (new rows take the current key, old rows keep
 * the id they were written with), and beside it a keyed hash (HMAC-SHA256) that finds and matches
 * a person without decrypting anything. Stored text: {@code keyId:Base64(iv ‖ ciphertext ‖ tag)}.
 */
public final class IdProtection {

    /** The demo's keys: public, so accepted only where the simulators run (the demo), never elsewhere. */
    static final String DEMO_KEY = base64(sha256("credit-hour-sync demo id-number key"));
    static final String DEMO_HASH_KEY = base64(sha256("credit-hour-sync demo id-number hash key"));

    static final String COMPLETION = "ck:";
    static final String FINGERPRINT = "fp:";
    private static final int IV_BYTES = 12;
    private static final int IVS_DRAWN = 256;
    private static final int TAG_BITS = 128;

    private final String currentKey;
    private final Map<String, SecretKey> keys;
    private final SecretKeySpec hashKey;
    // One of each per thread: Cipher.getInstance and the default SecureRandom's shared lock cost
    // more than the encryption itself, and they would be paid once per record.
    private final ThreadLocal<Mac> macs;
    private final RecordKeys recordKeys = new RecordKeys() {
        @Override
        public String stored(String plainCompletionKey) {
            return keyed(COMPLETION, plainCompletionKey);
        }

        @Override
        public String fingerprint(CreditRecord record) {
            return keyed(FINGERPRINT, Fingerprint.of(record));
        }
    };
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(IdProtection::newCipher);
    private final ThreadLocal<Ivs> ivs = ThreadLocal.withInitial(Ivs::new);

    /**
     * A thread's IVs, drawn from its DRBG {@value #IVS_DRAWN} at a time: a draw per encryption
     * costs nearly as much as the encryption, and every stored record takes two (the figures are
     * in bench/HISTORY.md). Random 96-bit IVs, as before, none used twice.
     */
    private static final class Ivs {

        private final SecureRandom random = newRandom();
        private final byte[] drawn = new byte[IV_BYTES * IVS_DRAWN];
        private int next = drawn.length;

        void next(byte[] iv) {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            System.arraycopy(drawn, next, iv, 0, IV_BYTES);
            next += IV_BYTES;
        }
    }

    private IdProtection(String currentKey, Map<String, SecretKey> keys, SecretKeySpec hashKey) {
        this.currentKey = currentKey;
        this.keys = keys;
        this.hashKey = hashKey;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The keys as configured. Refuses (IllegalStateException, naming the setting) a missing current
     * key, a key that is not 256 bits, a short hash key, and, outside the demo, the demo's keys.
     */
    static IdProtection of(AccessProperties.IdNumbers config, boolean demo) {
        String current = config.currentKey();
        Map<String, String> configured = config.keys();
        String hash = config.hashKey();
        if (demo && (current == null || current.isBlank()) && configured.isEmpty() && (hash == null || hash.isBlank())) {
            current = "demo";
            configured = Map.of("demo", DEMO_KEY);
            hash = DEMO_HASH_KEY;
        }
        if (current == null || current.isBlank() || !configured.containsKey(current)) {
            throw new IllegalStateException("sync.security.id-numbers.current-key must name one of "
                    + "sync.security.id-numbers.keys (SYNC_ID_KEY_CURRENT, SYNC_SECURITY_IDNUMBERS_KEYS_<ID>)");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        configured.forEach((id, value) -> {
            if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalStateException("sync.security.id-numbers.keys: a key id is 1-16 letters, digits, - or _; got '" + id + "'");
            }
            byte[] key = decode(value, "sync.security.id-numbers.keys." + id);
            if (key.length != 32) {
                throw new IllegalStateException("sync.security.id-numbers.keys." + id + " must be 32 bytes (256 bits), Base64; got "
                        + key.length + " bytes");
            }
            // compared as bytes: the demo key without its padding "=" decodes to the same key
            if (!demo && java.security.MessageDigest.isEqual(key, Base64.getDecoder().decode(DEMO_KEY))) {
                throw new IllegalStateException("sync.security.id-numbers.keys." + id + " is the demo's public key; set a key of your own");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        byte[] hashKey = decode(hash, "sync.security.id-numbers.hash-key (SYNC_ID_HASH_KEY)");
        if (hashKey.length < 32) {
            throw new IllegalStateException("sync.security.id-numbers.hash-key must be at least 32 bytes, Base64");
        }
        if (!demo && java.security.MessageDigest.isEqual(hashKey, Base64.getDecoder().decode(DEMO_HASH_KEY))) {
            throw new IllegalStateException("sync.security.id-numbers.hash-key is the demo's public key; set a key of your own");
        }
        return new IdProtection(current, Map.copyOf(keys), new SecretKeySpec(hashKey, "HmacSHA256"));
    }

    /** The keyed hash that stands for the ID number in indexes and look-ups: 64 hex characters. */
    public String hash(String idNumber) {
        Mac mac = macs.get();
        return HexFormat.of().formatHex(mac.doFinal(idNumber.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hash of an ID number as someone typed it or a platform sent it: surrounding space off
     * and an upper-case X, as validation normalises it; null for none.
     */
    public String hashAsTyped(String idNumber) {
        return idNumber == null || idNumber.isBlank() ? null : hash(idNumber.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * A record's completion key and fingerprint as stored: keyed hashes of the plain ones, so the
     * database holds nothing an ID number can be guessed back from.
     */
    public RecordKeys recordKeys() {
        return recordKeys;
    }

    /** The stored form of a plain completion key (and, with "fp:", of a fingerprint): what V11 applies to rows held. */
    /** The stored form of a plain fingerprint (a migration re-keys the ones stored before). */
    public String keyedFingerprint(String plainFingerprint) {
        return keyed(FINGERPRINT, plainFingerprint);
    }

    String keyed(String prefix, String plainHash) {
        return hash(prefix + plainHash);
    }

    /** The text encrypted under the current key; null stays null. */
    public String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            // a fresh random IV each time: GCM must never see a key and IV twice
            byte[] iv = new byte[IV_BYTES];
            ivs.get().next(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentKey.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return currentKey + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM could not encrypt", e);
        }
    }

    /** The clear text of what {@link #encrypt} wrote, under whichever configured key it names. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        SecretKey key = colon > 0 ? keys.get(stored.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("a value encrypted under key '" + (colon > 0 ? stored.substring(0, colon) : "")
                    + "', which is not configured (sync.security.id-numbers.keys)");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(stored.substring(0, colon).getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored value does not decrypt: it was altered or written under another key", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] decode(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(setting + " is not set");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not Base64");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
