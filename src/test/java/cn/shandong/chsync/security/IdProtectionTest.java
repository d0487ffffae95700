package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdProtectionTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String HASH = Base64.getEncoder().encodeToString("a hash key of at least 32 bytes!!".getBytes());
    private static final String ID = "371602198001010048";

    private static IdProtection with(String current, Map<String, String> keys) {
        return IdProtection.of(new AccessProperties.IdNumbers(current, keys, HASH), false);
    }

    @Test
    void anIdNumberEncryptsUnderTheCurrentKeyDifferentlyEachTimeAndDecryptsBack() {
        IdProtection ids = with("k1", Map.of("k1", K1));

        String once = ids.encrypt(ID);
        String twice = ids.encrypt(ID);

        assertThat(once).startsWith("k1:").doesNotContain(ID).isNotEqualTo(twice);
        assertThat(ids.decrypt(once)).isEqualTo(ID);
        assertThat(ids.decrypt(twice)).isEqualTo(ID);
        assertThat(ids.encrypt(null)).isNull();
    }

    @Test
    void everyEncryptionTakesAnIvOfItsOwnAcrossTheDrawsOfIvs() {
        IdProtection ids = with("k1", Map.of("k1", K1));

        // more than four draws of 256
        List<String> sealed = IntStream.range(0, 1100).mapToObj(i -> ids.encrypt(ID)).toList();

        Set<String> ivs = sealed.stream().map(v -> Base64.getEncoder().encodeToString(
                Arrays.copyOf(Base64.getDecoder().decode(v.substring("k1:".length())), 12))).collect(Collectors.toSet());
        assertThat(ivs).hasSize(1100);
        assertThat(sealed).allSatisfy(v -> assertThat(ids.decrypt(v)).isEqualTo(ID));
    }

    @Test
    void theHashIsKeyedAndTheSameForTheSameNumber() {
        IdProtection ids = with("k1", Map.of("k1", K1));
        IdProtection otherHashKey = IdProtection.of(new AccessProperties.IdNumbers("k1", Map.of("k1", K1),
                Base64.getEncoder().encodeToString("another hash key, 32 bytes long!".getBytes())), false);

        assertThat(ids.hash(ID)).hasSize(64).isEqualTo(ids.hash(ID)).isNotEqualTo(otherHashKey.hash(ID));
        assertThat(ids.hashAsTyped("  37160219800101004x ")).isEqualTo(ids.hash("37160219800101004X"));
        assertThat(ids.hashAsTyped(" ")).isNull();
    }

    @Test
    void afterRotationOldValuesStillDecryptAndNewOnesTakeTheNewKey() {
        String old = with("k1", Map.of("k1", K1)).encrypt(ID);
        IdProtection rotated = with("k2", Map.of("k1", K1, "k2", K2));

        assertThat(rotated.decrypt(old)).isEqualTo(ID);
        assertThat(rotated.encrypt(ID)).startsWith("k2:");
    }

    @Test
    void anAlteredValueOrAnUnknownKeyIsRefused() {
        IdProtection ids = with("k1", Map.of("k1", K1));
        String sealed = ids.encrypt(ID);
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> ids.decrypt(altered)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> ids.decrypt("k9:" + sealed.substring(3))).hasMessageContaining("key 'k9'");
        // the key id is authenticated too: a value cannot be passed off as another key's
        IdProtection two = with("k1", Map.of("k1", K1, "k2", K1));
        assertThatThrownBy(() -> two.decrypt("k2:" + sealed.substring(3))).hasMessageContaining("does not decrypt");
    }

    @Test
    void outsideTheDemoMissingShortOrDemoKeysStopStartUp() {
        assertThatThrownBy(() -> IdProtection.of(new AccessProperties.IdNumbers(null, Map.of(), null), false))
                .hasMessageContaining("current-key");
        assertThatThrownBy(() -> with("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> with("k1", Map.of("k1", IdProtection.DEMO_KEY))).hasMessageContaining("demo's public key");
        assertThatThrownBy(() -> IdProtection.of(new AccessProperties.IdNumbers("k1", Map.of("k1", K1),
                IdProtection.DEMO_HASH_KEY), false)).hasMessageContaining("hash-key is the demo's");
        // the same keys written otherwise (no padding) are the same keys
        assertThatThrownBy(() -> with("k1", Map.of("k1", IdProtection.DEMO_KEY.replace("=", ""))))
                .hasMessage("sync.security.id-numbers.keys.k1 is the demo's public key; set a key of your own");
        assertThatThrownBy(() -> IdProtection.of(new AccessProperties.IdNumbers("k1", Map.of("k1", K1),
                " " + IdProtection.DEMO_HASH_KEY.replace("=", "") + "\n"), false))
                .hasMessage("sync.security.id-numbers.hash-key is the demo's public key; set a key of your own");
        // while the demo, with nothing set, runs on its own public keys
        assertThat(IdProtection.of(new AccessProperties.IdNumbers(null, Map.of(), null), true).encrypt(ID)).startsWith("demo:");
    }
}
