package cn.shandong.chsync;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sentences a person reads, from the message bundles (i18n/messages*.properties): in the language
 * of the request being answered, and in Simplified Chinese where there is none (a scheduled job,
 * a gauge), not in the language of the server the service happens to run on.
 */
@Component
public class Texts {

    public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

    private final MessageSource messages;

    public Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** The sentence of a key with its arguments, or the key itself where no bundle has it. */
    public String get(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    /**
     * What a person reads of a refusal: its code's sentence in their language, without the
     * technical reason (which names exceptions and internals); a refusal without a code is said by
     * its HTTP status.
     */
    public String refusal(org.springframework.web.server.ResponseStatusException e) {
        Object[] args = e instanceof RequestRefused r ? r.args() : new Object[0];
        String code = RequestRefused.codeOf(e);
        String text = messages.getMessage(RequestRefused.key(code), args, null, locale());
        return text != null ? text : messages.getMessage(RequestRefused.key(RequestRefused.statusCode(e.getStatusCode().value())),
                null, get("error.other", e.getStatusCode().value()), locale());
    }

    /** The sentence of an HTTP status given without a refusal (a filter's sendError, a missing page). */
    public String status(int status) {
        return messages.getMessage(RequestRefused.key(RequestRefused.statusCode(status)), null, get("error.other", status), locale());
    }

    public static Locale locale() {
        LocaleContext context = LocaleContextHolder.getLocaleContext();
        Locale locale = context == null ? null : context.getLocale();
        return locale == null ? DEFAULT : locale;
    }
}
