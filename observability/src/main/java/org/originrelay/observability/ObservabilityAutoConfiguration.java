package org.originrelay.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;

/** What every service gets by depending on this module (the settings are in {@link ObservabilityDefaults}). */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemJsonErrorController problemJsonErrorController(ErrorAttributes errorAttributes) {
        return new ProblemJsonErrorController(errorAttributes);
    }

    @Bean
    ReadinessGauge relayReadinessGauge(ObjectProvider<HealthEndpoint> health) {
        return new ReadinessGauge(health);
    }

    @Bean
    ProblemDetailCompletion relayProblemDetailCompletion() {
        return new ProblemDetailCompletion();
    }
}
