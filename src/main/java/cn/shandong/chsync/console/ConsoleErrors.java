package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.HttpStatusCode;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * A controller's refusal (no such run, not a valid ID number) shown as a page in the console's
 * frame with the controller's reason, and the same status code the API would answer.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    private final Texts texts;

    ConsoleErrors(Texts texts) {
        this.texts = texts;
    }

    @ExceptionHandler(ResponseStatusException.class)
    String refused(ResponseStatusException e, Model model, HttpServletResponse response, Principal who) {
        HttpStatusCode status = e.getStatusCode();
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        // the refusal's sentence in the reader's language, not its technical reason
        model.addAttribute("reason", texts.refusal(e));
        // the advice's model attributes do not reach an exception handler's model
        model.addAttribute("user", who == null ? null : who.getName());
        return "console/problem";
    }
}
