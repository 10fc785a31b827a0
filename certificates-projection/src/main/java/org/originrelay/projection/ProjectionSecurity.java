package org.originrelay.projection;

import java.util.function.Supplier;
import org.originrelay.security.RelaySecurityAutoConfiguration;
import org.originrelay.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may read what, in one place: an owner's slices only for that owner or an operator (health, actuator
 * and the error page as every service has them: {@link RelaySecurityAutoConfiguration#bearerTokenBasics}).
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionSecurity {

    private static final String OPERATOR_AUTHORITY = "ROLE_" + Roles.role(Roles.OPERATOR);

    @Bean
    SecurityFilterChain projectionAccessRules(HttpSecurity http) throws Exception {
        return RelaySecurityAutoConfiguration.bearerTokenBasics(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/owners/{owner}", "/api/v1/owners/{owner}/slices")
                        .access(ProjectionSecurity::ownerOrOperator)
                        .anyRequest().authenticated())
                .build();
    }

    private static AuthorizationDecision ownerOrOperator(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        Authentication caller = authentication.get();
        boolean allowed = caller != null && caller.isAuthenticated()
                && (caller.getName().equals(request.getVariables().get("owner"))
                || caller.getAuthorities().stream().anyMatch(granted -> OPERATOR_AUTHORITY.equals(granted.getAuthority())));
        return new AuthorizationDecision(allowed);
    }
}
