package cn.shandong.chsync.security;

import cn.shandong.chsync.record.IdNumber;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Error answers as Spring Boot writes them (never a stack trace: server.error.include-stacktrace),
 * with anything shaped like an ID number in the message or the path masked: a person's number in
 * a URL is not echoed into an error page, a browser's history of it, or a proxy's log of the answer.
 */
@Component
class MaskedErrors extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        attributes.computeIfPresent("message", (k, v) -> IdNumber.maskAny(v.toString()));
        attributes.computeIfPresent("path", (k, v) -> IdNumber.maskAny(v.toString()));
        return attributes;
    }
}
