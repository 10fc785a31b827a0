package org.originrelay.security.testapp;

import java.util.Map;
import org.originrelay.security.RelaySecurityAutoConfiguration;
import org.originrelay.security.Roles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A REST service as the real ones are built: its own rules after the shared basics. */
@SpringBootApplication
public class SecuredTestApplication {

    @Bean
    SecurityFilterChain testAccessRules(HttpSecurity http) throws Exception {
        return RelaySecurityAutoConfiguration.bearerTokenBasics(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/owners-only").hasRole(Roles.role(Roles.OWNER))
                        .anyRequest().authenticated())
                .build();
    }

    @RestController
    static class WhoAmI {

        @GetMapping("/whoami")
        Map<String, String> whoAmI(Authentication caller) {
            return Map.of("name", caller.getName());
        }

        @GetMapping("/owners-only")
        Map<String, String> ownersOnly(Authentication caller) {
            return Map.of("name", caller.getName());
        }
    }
}
