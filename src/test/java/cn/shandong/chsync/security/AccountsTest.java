package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountsTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private static AccessProperties.User user(String name, String password, Role role, String city) {
        return new AccessProperties.User(name, password, role, city);
    }

    @Test
    void theDemoHasItsFourUsersAndTheBureauIsBinzhous() {
        Accounts accounts = Accounts.of(List.of(), true, encoder);

        assertThat(accounts.describe()).containsExactly("admin (ADMIN)", "operator (OPERATOR)", "support (SUPPORT)",
                "bureau (BUREAU, city 371600)");
        assertThat(encoder.matches("bureau", accounts.loadUserByUsername("bureau").getPassword())).isTrue();
    }

    @Test
    void outsideTheDemoNoUsersOrDefaultOrWeakPasswordsStopStartUp() {
        assertThatThrownBy(() -> Accounts.of(List.of(), false, encoder)).hasMessageContaining("no users");
        assertThatThrownBy(() -> Accounts.of(List.of(user("admin", "admin", Role.ADMIN, null)), false, encoder))
                .hasMessageContaining("default or weak");
        assertThatThrownBy(() -> Accounts.of(List.of(user("admin", "", Role.ADMIN, null)), false, encoder))
                .hasMessageContaining("password is empty");
        assertThatThrownBy(() -> Accounts.of(List.of(user("ops", "{noop}operator", Role.OPERATOR, null)), false, encoder))
                .hasMessageContaining("default or weak");
        assertThatThrownBy(() -> Accounts.of(List.of(user("ops", "short-one", Role.OPERATOR, null)), false, encoder))
                .hasMessageContaining("at least 12");
        // the demo users' names and passwords are refused even when written out by hand
        assertThatThrownBy(() -> Accounts.of(Accounts.DEMO, false, encoder)).hasMessageContaining("users[0].password of 'admin'");
    }

    @Test
    void aBureauHasACityAndNoOtherRoleDoes() {
        assertThatThrownBy(() -> Accounts.of(List.of(user("bz", "a long enough pass", Role.BUREAU, null)), false, encoder))
                .hasMessageContaining("users[0].city");
        assertThatThrownBy(() -> Accounts.of(List.of(user("ops", "a long enough pass", Role.OPERATOR, "371600")), false, encoder))
                .hasMessageContaining("users[0].city");
        assertThatThrownBy(() -> Accounts.of(List.of(user("bz", "a long enough pass", Role.BUREAU, "Binzhou")), false, encoder))
                .hasMessageContaining("six-digit");
    }

    @Test
    void configuredUsersSignInWithTheirPasswordOrItsHash() {
        String hash = encoder.encode("another long password");
        Accounts accounts = Accounts.of(List.of(user("ops", "a long enough pass", Role.OPERATOR, null),
                user("bz", hash, Role.BUREAU, "371600")), false, encoder);

        assertThat(encoder.matches("a long enough pass", accounts.loadUserByUsername("ops").getPassword())).isTrue();
        assertThat(accounts.loadUserByUsername("bz").getPassword()).isEqualTo(hash);
        assertThat(((Accounts.Account) accounts.loadUserByUsername("bz")).city()).contains("371600");
        assertThatThrownBy(() -> Accounts.of(List.of(user("ops", "a long enough pass", Role.OPERATOR, null),
                user("ops", "a long enough pass", Role.ADMIN, null)), false, encoder)).hasMessageContaining("there twice");
    }
}
