package org.originrelay.commandapi.commands.web;

import java.util.List;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Web-layer tests are about requests and answers, so each of their requests carries alice's token with
 * every role; the access rules themselves are tested in SecurityIntegrationTest.
 */
@Configuration(proxyBeanMethods = false)
class WebLayerRequester {

    @Bean
    MockMvcBuilderCustomizer aliceWithEveryRole() {
        return builder -> builder.defaultRequest(get("/").with(jwt().jwt(token -> token.subject("alice").claim("grid_areas", List.of("DK1")))
                .authorities(new SimpleGrantedAuthority("ROLE_OWNER"), new SimpleGrantedAuthority("ROLE_ISSUER"),
                        new SimpleGrantedAuthority("ROLE_OPERATOR"))));
    }
}
