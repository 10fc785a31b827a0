package org.originrelay.commandapi.commands.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Completes the strict reading configured under {@code spring.jackson} in command-api.yml with what
 * properties cannot say: a number or boolean where a string belongs is refused, not turned into text.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestJson {

    @Bean
    JsonMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
