package org.originrelay.commandapi;

import org.originrelay.security.RelaySecurityAutoConfiguration;
import org.originrelay.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on this service, in one place (health, actuator and the error page as every service has
 * them: {@link RelaySecurityAutoConfiguration#bearerTokenBasics}). Reading a command is for any valid token
 * here; {@code CommandQueries} shows it only to its requester or an operator.
 */
@Configuration(proxyBeanMethods = false)
public class CommandApiSecurity {

    private static final String ISSUER = Roles.role(Roles.ISSUER);
    private static final String OWNER = Roles.role(Roles.OWNER);
    private static final String OPERATOR = Roles.role(Roles.OPERATOR);
    private static final String SUBSCRIBER = Roles.role(Roles.SUBSCRIBER);

    @Bean
    SecurityFilterChain commandApiAccessRules(HttpSecurity http) throws Exception {
        return RelaySecurityAutoConfiguration.bearerTokenBasics(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/commands/issue-certificate").hasRole(ISSUER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/commands/transfer-slice",
                                "/api/v1/commands/slice-certificate", "/api/v1/commands/claim").hasRole(OWNER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/commands/*").authenticated()
                        .requestMatchers("/api/v1/dead-letters", "/api/v1/dead-letters/**").hasRole(OPERATOR)
                        .requestMatchers("/api/v1/reconciliations", "/api/v1/reconciliations/**").hasRole(OPERATOR)
                        .requestMatchers("/api/v1/subscriptions", "/api/v1/subscriptions/**")
                                .hasAnyRole(OPERATOR, SUBSCRIBER)
                        .anyRequest().authenticated())
                .build();
    }
}
