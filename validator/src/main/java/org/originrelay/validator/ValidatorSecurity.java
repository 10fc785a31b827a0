package org.originrelay.validator;

import org.originrelay.security.RelaySecurityAutoConfiguration;
import org.originrelay.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on this service, in one place: health, actuator and the error page as every service has
 * them ({@link RelaySecurityAutoConfiguration#bearerTokenBasics}); reservations are for operators only.
 */
@Configuration(proxyBeanMethods = false)
public class ValidatorSecurity {

    private static final String OPERATOR = Roles.role(Roles.OPERATOR);

    @Bean
    SecurityFilterChain validatorAccessRules(HttpSecurity http) throws Exception {
        return RelaySecurityAutoConfiguration.bearerTokenBasics(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/reservations", "/api/v1/reservations/**").hasRole(OPERATOR)
                        .anyRequest().denyAll())
                .build();
    }
}
