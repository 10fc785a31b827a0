package org.originrelay.security;

import org.springframework.core.env.Environment;

/**
 * The profile under which development defaults (the committed JWT and registry key secrets) may be
 * used. It must be activated explicitly ({@code --spring.profiles.active=local} or
 * {@code SPRING_PROFILES_ACTIVE=local}); without it every secret must come from the environment.
 */
public final class LocalProfile {

    public static final String NAME = "local";

    private LocalProfile() {
    }

    public static boolean isActive(Environment environment) {
        return environment.matchesProfiles(NAME);
    }
}
