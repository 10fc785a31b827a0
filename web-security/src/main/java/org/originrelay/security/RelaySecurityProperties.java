package org.originrelay.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param hmacSecret HS256 secret for local runs and tests (at least 32 bytes). Leave empty in production
 *     and set Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 *     {@code jwk-set-uri} instead.
 */
@ConfigurationProperties("relay.security.jwt")
public record RelaySecurityProperties(String hmacSecret) {
}
