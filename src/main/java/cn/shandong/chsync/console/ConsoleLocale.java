package cn.shandong.chsync.console;

import cn.shandong.chsync.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Which language a person reads: the one they chose with {@code ?lang=zh-CN} or {@code ?lang=en}
 * (kept in a cookie for a year), else the first of the browser's languages (Accept-Language) that
 * the bundles hold, else Simplified Chinese, the language of the bureaus and platforms the console
 * serves. Only the two bundles' languages are ever set: any Chinese is Simplified Chinese, any
 * English is English, so one page never mixes the two.
 */
@Configuration
class ConsoleLocale implements WebMvcConfigurer {

    static final Locale DEFAULT = Texts.DEFAULT;
    static final String COOKIE = "chsync-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
                Locale chosen = context == null ? null : supported(context.getLocale());
                super.setLocaleContext(request, response, chosen == null ? null : new SimpleLocaleContext(chosen));
            }
        };
        resolver.setDefaultLocaleFunction(ConsoleLocale::browsers);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** The first of the browser's languages the bundles hold, or Chinese. */
    static Locale browsers(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return DEFAULT;
        }
        Enumeration<Locale> asked = request.getLocales();
        for (Locale locale : Collections.list(asked)) {
            Locale held = supported(locale);
            if (held != null) {
                return held;
            }
        }
        return DEFAULT;
    }

    /** The bundle's locale for a language we hold, or null. */
    static Locale supported(Locale locale) {
        if (locale == null) {
            return null;
        }
        return switch (locale.getLanguage()) {
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> null;
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
