package org.originrelay.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens for the verification tests: well-formed ones and every kind of bad one. */
final class Tokens {

    static final String SECRET = "web-security-test-secret-0123456789abcdef";

    private Tokens() {
    }

    static JWTClaimsSet.Builder valid(String subject, String... roles) {
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                .issueTime(new Date()).expirationTime(in(Duration.ofHours(1)));
    }

    static Date in(Duration duration) {
        return Date.from(Instant.now().plus(duration));
    }

    static String hs256(JWTClaimsSet claims) {
        return hmac(JWSAlgorithm.HS256, SECRET, claims);
    }

    static String hmac(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader(algorithm), new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new RSASSASigner(key), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
