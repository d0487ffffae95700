package cn.shandong.chsync.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in form. Spring Security's form login handles the POST to /login and /logout; this
 * only renders the page it is configured with (loginPage("/login")).
 */
@Hidden
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
