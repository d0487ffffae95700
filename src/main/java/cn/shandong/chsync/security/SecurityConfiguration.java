package cn.shandong.chsync.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every endpoint behind sign-in, by role. The console signs in with a session (CSRF on); programs
 * call the API with HTTP Basic or a bearer token, which a browser never sends by itself, so such
 * requests need no CSRF token. Health probes stay open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessProperties.class, SignInProperties.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private final SignInGuard signIn;

    SecurityConfiguration(SignInGuard signIn) {
        this.signIn = signIn;
    }

    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String SUPPORT = Role.SUPPORT.name();
    private static final String BUREAU = Role.BUREAU.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Accounts accounts(AccessProperties properties, PasswordEncoder encoder,
                      @Value("${sync.simulators.enabled:true}") boolean demo) {
        Accounts accounts = Accounts.of(properties.users(), demo, encoder);
        if (demo && properties.users().isEmpty()) {
            log.warn("demo users (simulators on; never where real data is): admin/admin, operator/operator, "
                    + "support/support, bureau/bureau (Binzhou 371600)");
        }
        log.info("users: {}", String.join(", ", accounts.describe()));
        return accounts;
    }

    /** Static: Flyway's V8 needs it, and this configuration's own dependencies need Flyway done. */
    @Bean
    static IdProtection idProtection(AccessProperties properties, @Value("${sync.simulators.enabled:true}") boolean demo) {
        return IdProtection.of(properties.idNumbers(), demo);
    }

    /**
     * The simulators stand for systems outside the service (the platforms, the province): they are
     * open, check their own app keys, tokens and signatures, and take no part in the service's sign-in.
     */
    @Bean
    @Order(1)
    SecurityFilterChain simulators(HttpSecurity http) throws Exception {
        return http.securityMatcher("/sim/**")
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain filterChain(HttpSecurity http, ApiTokens tokens, Accounts accounts) throws Exception {
        RequestMatcher programs = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http
                .userDetailsService(accounts)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(OPERATOR, ADMIN)
                        // operators
                        .requestMatchers(GET, "/api/sources", "/api/sources/**", "/api/runs", "/api/runs/**", "/api/alerts")
                            .hasAnyRole(OPERATOR, SUPPORT, ADMIN)
                        .requestMatchers(POST, "/api/sources/**").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers(PUT, "/api/sources/**").hasAnyRole(OPERATOR, ADMIN)
                        // the onboarding workbench: try a mapping, reload mappings/
                        .requestMatchers(POST, "/api/mappings/preview", "/api/mappings/reload").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers("/console/sources/**", "/console/runs/**", "/console/mappings", "/console/mappings/**")
                            .hasAnyRole(OPERATOR, ADMIN)
                        // support staff
                        .requestMatchers("/api/reconciliation", "/api/reconciliation/**").hasAnyRole(SUPPORT, ADMIN)
                        .requestMatchers(POST, "/api/tally/run", "/console/tally/run").hasAnyRole(SUPPORT, ADMIN)
                        .requestMatchers("/console/reconciliation/**", "/console/trace/**").hasAnyRole(SUPPORT, ADMIN)
                        // support staff and bureaus (a bureau only its own city's: see SignedIn.city)
                        .requestMatchers(GET, "/api/people/**", "/api/tally").hasAnyRole(SUPPORT, BUREAU, ADMIN)
                        .requestMatchers(PUT, "/api/people/*/city").hasAnyRole(BUREAU, ADMIN)
                        .requestMatchers(POST, "/api/people/year", "/api/people/years", "/api/people/trace")
                            .hasAnyRole(SUPPORT, BUREAU, ADMIN)
                        .requestMatchers("/console/tally/**").hasAnyRole(SUPPORT, BUREAU, ADMIN)
                        // bureaus
                        .requestMatchers(GET, "/api/reports/**").hasAnyRole(BUREAU, ADMIN)
                        .requestMatchers("/console/compliance/**").hasAnyRole(BUREAU, ADMIN)
                        .requestMatchers("/api/subscriptions", "/api/subscriptions/**").hasAnyRole(BUREAU, ADMIN)
                        // a delivered report's link: its HMAC signature and expiry are the permission (DeliveryLinks)
                        .requestMatchers(GET, "/api/deliveries/download").permitAll()
                        // administrators
                        .requestMatchers("/api/audit", "/api/audit/**").hasRole(ADMIN)
                        // everyone signed in: their own tokens, the API's description, the dashboard
                        .requestMatchers(GET, "/api/tokens/all").hasRole(ADMIN)
                        .requestMatchers(GET, "/api/tokens").authenticated()
                        .requestMatchers(POST, "/api/tokens").authenticated()
                        .requestMatchers(DELETE, "/api/tokens/*").authenticated()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                        .requestMatchers("/", "/console", "/console/").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .addFilterBefore(new BearerTokenFilter(tokens, accounts), BasicAuthenticationFilter.class)
                // before any password is checked: a held-back name or address is refused without one
                .addFilterBefore(signIn.filter(), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        // A program gets 401, not the sign-in page; a browser asking for a page is sent to it.
                        .defaultAuthenticationEntryPointFor((request, response, e) -> unauthorized(response), api)
                        .defaultAuthenticationEntryPointFor((request, response, e) -> unauthorized(response),
                                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
                        .defaultAuthenticationEntryPointFor((request, response, e) -> unauthorized(response),
                                PathPatternRequestMatcher.withDefaults().matcher("/v3/**")))
                .csrf(csrf -> csrf.ignoringRequestMatchers(programs))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * No WWW-Authenticate: Basic challenge: a browser would offer its own sign-in box and then send
     * the password with every request by itself, which is what CSRF protection guards against.
     */
    private static void unauthorized(HttpServletResponse response) throws java.io.IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"credit-hour-sync\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "sign in: HTTP Basic or a bearer token");
    }
}
