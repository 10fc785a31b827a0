package org.originrelay.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401, 403 and the firewall's 400 as RFC 9457 problem+json, like every other error of the API. A 401
 * says whether the token was missing or rejected, never why in detail (that helps only a forger).
 */
public class ProblemJsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String MISSING_TOKEN = "a valid bearer token is required";
    static final String REJECTED_TOKEN = "a valid bearer token is required; the one sent was rejected (bad signature "
            + "or algorithm, expired or not yet valid, no sub or exp, or wrong issuer or audience)";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean rejected = failure instanceof InvalidBearerTokenException;
        response.setHeader("WWW-Authenticate", rejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        ProblemJson.write(response, HttpStatus.UNAUTHORIZED, rejected ? REJECTED_TOKEN : MISSING_TOKEN,
                request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
            throws IOException {
        ProblemJson.write(response, HttpStatus.FORBIDDEN, "your token's roles do not allow " + request.getMethod()
                + " " + request.getRequestURI(), request.getRequestURI());
    }

    /** Spring Security's firewall refused the request (encoded slash or NUL, {@code ..}, a bad header…). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            RequestRejectedException failure) throws IOException {
        // The URL itself is what was refused: it is not echoed back.
        ProblemJson.write(response, HttpStatus.BAD_REQUEST, "the request was rejected: " + failure.getMessage(), null);
    }
}
