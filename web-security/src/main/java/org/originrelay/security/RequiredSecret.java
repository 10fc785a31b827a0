package org.originrelay.security;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A secret a service needs, checked before any bean is created so the service refuses to start with
 * one clear line instead of failing later (or, worse, running with a secret everyone can read in the
 * repository). Outside the {@link LocalProfile local profile} the secret must be set, at least
 * {@code minimumBytes} long and none of the committed development defaults; under it only set.
 *
 * @param property the configuration property holding the secret, e.g. {@code relay.registry.key-secret}
 * @param variable the environment variable operators set, named in the refusal
 * @param committedDefaults every value of this secret that is written down in the repository
 * @param alternative how else the service can be configured when this secret is not set, or empty
 */
public record RequiredSecret(String property, String variable, int minimumBytes, Set<String> committedDefaults,
        String alternative) {

    public RequiredSecret {
        committedDefaults = Set.copyOf(committedDefaults);
    }

    public RequiredSecret(String property, String variable, int minimumBytes, Set<String> committedDefaults) {
        this(property, variable, minimumBytes, committedDefaults, "");
    }

    /** @throws UnsafeSecret naming {@link #variable} when the secret may not be used here */
    public void check(Environment environment) {
        String secret = environment.getProperty(property, "");
        if (secret.isBlank()) {
            throw new UnsafeSecret(variable, "is not set (" + property + "); set it to a random secret of at least "
                    + minimumBytes + " bytes" + (alternative.isEmpty() ? "" : ", " + alternative)
                    + " (development defaults apply only with the '" + LocalProfile.NAME + "' profile active)");
        }
        if (LocalProfile.isActive(environment)) {
            return;
        }
        if (committedDefaults.contains(secret)) {
            throw new UnsafeSecret(variable, "is the committed local-development default, which anyone can read in "
                    + "the repository; set a secret of your own (or activate the '" + LocalProfile.NAME
                    + "' profile on a developer machine)");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < minimumBytes) {
            throw new UnsafeSecret(variable, "is too short; it must be at least " + minimumBytes + " bytes");
        }
    }

    /** The check as a bean factory post-processor: declare it in a {@code static @Bean} method. */
    public BeanFactoryPostProcessor checkedAtStartup() {
        return new StartupCheck(this);
    }

    private static final class StartupCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

        private final RequiredSecret secret;
        private Environment environment;

        StartupCheck(RequiredSecret secret) {
            this.secret = secret;
        }

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            secret.check(environment);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
