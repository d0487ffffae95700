package cn.shandong.chsync;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request the service refuses, with a stable code (what the API's error body says in
 * {@code code}) and the arguments of its sentence, {@code error.<code>} in the message bundles: the
 * person reading the answer gets it in their language ({@link Texts}), a program the code. The
 * reason (English, for the log) may name technical detail; the bundles' sentence never does.
 */
public class RequestRefused extends ResponseStatusException {

    private final String code;
    private final transient Object[] args;

    public RequestRefused(HttpStatus status, String code, String reason, Object... args) {
        super(status, reason);
        this.code = code;
        this.args = args.clone();
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The bundle's key of a refusal's sentence. */
    public static String key(String code) {
        return "error." + code;
    }

    /**
     * The code of any refusal: a RequestRefused's own, else one of the HTTP status
     * ({@code HTTP_404}), whose sentence is the status's in general terms.
     */
    public static String codeOf(ResponseStatusException e) {
        return e instanceof RequestRefused r ? r.code : statusCode(e.getStatusCode().value());
    }

    public static String statusCode(int status) {
        return "HTTP_" + status;
    }
}
