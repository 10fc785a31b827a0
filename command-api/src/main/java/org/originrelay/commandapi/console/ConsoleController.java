package org.originrelay.commandapi.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/** The console's entry points; its files are static resources under {@code static/console/}. */
@RestController
class ConsoleController {

    private final String issuer;
    private final String clientId;
    private final String scope;

    ConsoleController(@Value("${command-api.console.oidc.issuer-uri:}") String issuer,
            @Value("${command-api.console.oidc.client-id:origin-relay-console}") String clientId,
            @Value("${command-api.console.oidc.scope:openid}") String scope) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.scope = scope;
    }

    // The console's pages are not part of the REST contract (OpenAPI); its config.json is.
    @Hidden
    @GetMapping("/console")
    RedirectView withSlash() {
        RedirectView redirect = new RedirectView("/console/");
        redirect.setContextRelative(true);
        return redirect;
    }

    @Hidden
    @GetMapping("/console/")
    org.springframework.web.servlet.ModelAndView page() {
        return new org.springframework.web.servlet.ModelAndView("forward:/console/index.html");
    }

    /** How the console signs in: an identity provider's login if one is configured, else a pasted token. */
    @GetMapping("/console/config.json")
    Map<String, Object> configuration() {
        return issuer.isBlank() ? Map.of("login", "token")
                : Map.of("login", "oidc", "issuer", issuer, "clientId", clientId, "scope", scope);
    }
}
