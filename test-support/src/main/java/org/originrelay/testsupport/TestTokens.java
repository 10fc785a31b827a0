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
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** Bearer tokens for tests, signed with the HS256 secret every test context is configured with. */
public final class TestTokens {

    /** Test-only secret; services under test get it through {@link TestInfrastructure}. */
    public static final String SECRET = "origin-relay-test-secret-0123456789abcdef";
    /** The grid areas an {@code issuer} token from {@link #token} may issue in (its {@code grid_areas} claim). */
    public static final List<String> ISSUER_GRID_AREAS = List.of("DK1", "DK2");

    private TestTokens() {
    }

    /**
     * A token whose subject is {@code subject} with the given roles, valid for an hour; with the
     * {@code issuer} role it may issue in {@link #ISSUER_GRID_AREAS}.
     */
    public static String token(String subject, String... roles) {
        JWTClaimsSet.Builder claims = claims(subject, roles);
        if (Arrays.asList(roles).contains("issuer")) {
            claims.claim("grid_areas", ISSUER_GRID_AREAS);
        }
        return signed(claims.build());
    }

    /** An {@code issuer} token that may issue only in {@code gridAreas}. */
    public static String issuerToken(String subject, List<String> gridAreas) {
        return signed(claims(subject, "issuer").claim("grid_areas", gridAreas).build());
    }

    /** Claims as {@link #token} sets them, to be changed by tests of token verification. */
    public static JWTClaimsSet.Builder claims(String subject, String... roles) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", List.of(roles))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    /** {@code claims} signed (HS256) with {@link #SECRET}. */
    public static String signed(JWTClaimsSet claims) {
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
