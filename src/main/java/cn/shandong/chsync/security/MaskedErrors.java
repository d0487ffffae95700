package cn.shandong.chsync.security;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.Texts;
import cn.shandong.chsync.record.IdNumber;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Error answers as Spring Boot writes them (never a stack trace: server.error.include-stacktrace),
 * with a stable {@code code} and a {@code message} from the bundles in the caller's language
 * (Accept-Language, Chinese by default: {@link Texts#refusal}); the English reason, which may
 * name internals, stays in {@code detail} for the caller's developers, never in {@code message}.
 * Anything shaped like an ID number in the detail or the path is masked: a person's number in a
 * URL is not echoed into an error page, a browser's history of it, or a proxy's log of the answer.
 */
@Component
class MaskedErrors extends DefaultErrorAttributes {

    private final Texts texts;

    MaskedErrors(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Throwable error = getError(request);
        int status = attributes.get("status") instanceof Integer s ? s : 500;
        Object detail = attributes.get("message");
        if (error instanceof ResponseStatusException refused) {
            attributes.put("code", RequestRefused.codeOf(refused));
            attributes.put("message", texts.refusal(refused));
        } else {
            attributes.put("code", RequestRefused.statusCode(status));
            attributes.put("message", texts.status(status));
        }
        if (detail != null && !detail.toString().isBlank() && !"No message available".equals(detail) && status < 500) {
            attributes.put("detail", IdNumber.maskAny(detail.toString()));
        }
        attributes.computeIfPresent("path", (k, v) -> IdNumber.maskAny(v.toString()));
        return attributes;
    }
}
