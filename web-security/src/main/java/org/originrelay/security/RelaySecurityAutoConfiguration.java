package org.originrelay.security;

import java.util.Collection;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every service serving HTTP shares: bearer tokens only (stateless, no sessions, no CSRF since no
 * cookies), the {@code sub} claim as the principal's name ({@code Authentication#getName()}),
 * {@code roles} as authorities, actuator beyond health for operators only, problem+json for every
 * answer given before the application (401, 403, the firewall's and Tomcat's 400), and a refusal to
 * start with a token secret from the repository. Each REST service states its own access rules in its
 * own security configuration, starting from {@link #bearerTokenBasics(HttpSecurity)}; a service without
 * one gets {@link #operationsOnly(HttpSecurity)}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class RelaySecurityAutoConfiguration {

    private static final String OPERATOR = Roles.role(Roles.OPERATOR);

    /** Before any bean exists: a service with a forgeable token secret must not start at all. */
    @Bean
    static BeanFactoryPostProcessor tokenSecretCheck() {
        return new TokenSecretCheck();
    }

    @Bean
    JwtDecoder relayJwtDecoder(Environment environment, OAuth2ResourceServerProperties properties) {
        return JwtVerification.decoder(environment, properties.getJwt());
    }

    @Bean
    JwtAuthenticationConverter rolesClaimConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(RelaySecurityAutoConfiguration::roles);
        return converter;
    }

    /**
     * Spring Security observes, by default, each filter of the chain on its own (every filter wrapped, the
     * chain split into observations before and after the application), then the authentication and the
     * authorization of every request, each observation a span and a timer: about a third of command-api's
     * CPU per request in the profile (docs/performance.md). Every request is already observed once as a
     * whole ({@code http.server.requests}): that observation starts the trace that the logs and the events
     * published carry, and its status tag counts the 401s and 403s. The bearer token is still verified on
     * every request; only the observations around the verification go. A service may declare its own
     * settings to bring some back.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings requestObservedAsAWhole() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's firewall picks this up: its rejections are problem+json too. */
    @Bean
    RequestRejectedHandler problemJsonRequestRejectedHandler() {
        return new ProblemJsonSecurityErrors();
    }

    private static Collection<GrantedAuthority> roles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return roles == null ? List.of() : roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + Roles.role(role))).toList();
    }

    /**
     * The common part of every service's filter chain, with the rules every service shares: health and
     * its liveness/readiness groups for anyone (load balancers, orchestrators), the rest of the actuator
     * for operators, the error page for anyone. The service adds its own rules after these.
     */
    public static HttpSecurity bearerTokenBasics(HttpSecurity http) throws Exception {
        ProblemJsonSecurityErrors errors = new ProblemJsonSecurityErrors();
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole(OPERATOR)
                        .requestMatchers("/error").permitAll());
    }

    /** Services that serve nothing but operations endpoints: everything beyond health is for operators. */
    public static SecurityFilterChain operationsOnly(HttpSecurity http) throws Exception {
        return bearerTokenBasics(http)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(OPERATOR))
                .build();
    }

    /** Only with a servlet web server: a service started without one has no endpoints to protect. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    static class OperationsOnlyConfiguration {

        @Bean
        SecurityFilterChain operationsOnlyAccessRules(HttpSecurity http) throws Exception {
            return operationsOnly(http);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({TomcatServletWebServerFactory.class, StandardHost.class})
    static class TomcatErrorsConfiguration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonTomcatErrors() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                }
            });
        }
    }

    private static final class TokenSecretCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            OAuth2ResourceServerProperties.Jwt jwt = Binder.get(environment)
                    .bind("spring.security.oauth2.resourceserver.jwt", OAuth2ResourceServerProperties.Jwt.class)
                    .orElseGet(OAuth2ResourceServerProperties.Jwt::new);
            JwtVerification.checkSecrets(environment, jwt);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
