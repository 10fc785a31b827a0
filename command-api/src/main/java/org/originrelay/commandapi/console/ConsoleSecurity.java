package org.originrelay.commandapi.console;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The console's static files are public: a browser cannot attach a bearer token when it navigates to a
 * page, and the files hold no data. Everything they show comes from {@code /api/v1/dead-letters}, which
 * stays operator-only under the service's own rules (CommandApiSecurity). This chain matches only
 * {@code /console/**}, is read-only, and sends a strict content security policy.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain consoleStaticFiles(HttpSecurity http,
            @Value("${command-api.console.oidc.issuer-uri:}") String issuer) throws Exception {
        String identityProvider = issuer.isBlank() ? "" : " " + origin(issuer);
        return http.securityMatcher("/console", "/console/", "/console/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**").permitAll()
                        .anyRequest().denyAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self'; img-src 'self' data:; connect-src 'self'" + identityProvider
                                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'" + identityProvider))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
