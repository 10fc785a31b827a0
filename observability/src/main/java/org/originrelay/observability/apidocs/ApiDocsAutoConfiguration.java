package org.originrelay.observability.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI document of a REST service (springdoc, at {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}): the bearer-token scheme, the shared problem responses, and public access to
 * the documents themselves (a client reads the contract before it has a token).
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDocsAutoConfiguration {

    public static final String BEARER = "bearer-jwt";
    /** The documents, served without a token. */
    public static final String[] DOCUMENT_PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/**", "/asyncapi.yaml"};

    @Bean
    @ConditionalOnMissingBean
    OpenAPI relayOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "service");
        return new OpenAPI()
                .info(new Info().title("Origin Relay " + service).version("v1")
                        .description(environment.getProperty("relay.api-docs.description",
                                "REST API of " + service + ". Every error is RFC 9457 problem+json.")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT whose 'roles' claim holds issuer, owner and/or operator; 'sub' is the caller")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    ProblemResponses relayProblemResponses() {
        return new ProblemResponses(Set.of("/actuator/health"));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
    static class DocumentAccess {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        SecurityFilterChain relayApiDocumentsArePublic(HttpSecurity http) throws Exception {
            return http.securityMatcher(DOCUMENT_PATHS)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
