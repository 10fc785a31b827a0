package org.originrelay.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused secret into Boot's short startup report instead of a stack trace. */
class UnsafeSecretFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecret> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecret cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + cause.variable() + " in the service's environment "
                + "(see docs/security.md), or start with --spring.profiles.active=" + LocalProfile.NAME
                + " on a developer machine.", cause);
    }
}
