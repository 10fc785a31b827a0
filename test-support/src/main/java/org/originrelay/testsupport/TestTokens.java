package org.originrelay.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens for tests, signed with the HS256 secret every test context is configured with. */
public final class TestTokens {

    /** Test-only secret; services under test get it through {@link TestInfrastructure}. */
    public static final String SECRET = "origin-relay-test-secret-0123456789abcdef";

    private TestTokens() {
    }

    /** A token whose subject is {@code subject} with the given roles, valid for an hour. */
    public static String token(String subject, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", List.of(roles))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The {@code Authorization} header value for such a token. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }
}
