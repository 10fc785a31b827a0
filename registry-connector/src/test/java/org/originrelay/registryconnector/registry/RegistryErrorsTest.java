package org.originrelay.registryconnector.registry;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryErrorsTest {

    @Test
    void unreachableAndTooSlowAreTransientEvenWhenWrappedByAsynchronousComposition() {
        assertThat(RegistryErrors.isTransient(Status.UNAVAILABLE.asRuntimeException())).isTrue();
        assertThat(RegistryErrors.isTransient(new CompletionException(Status.DEADLINE_EXCEEDED.asRuntimeException())))
                .isTrue();
        assertThat(RegistryErrors.isTransient(Status.INVALID_ARGUMENT.asRuntimeException())).isFalse();
    }

    @Test
    void anInvalidArgumentIsARefusalButAnInternalErrorIsNot() {
        assertThat(RegistryErrors.isRefusal(Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException())).isTrue();
        assertThat(RegistryErrors.isRefusal(Status.INTERNAL.asRuntimeException())).isFalse();
        assertThat(RegistryErrors.isRefusal(Status.UNAVAILABLE.asRuntimeException())).isFalse();
    }

    @Test
    void descriptionsNameTheCodeAndTheRegistrysText() {
        assertThat(RegistryErrors.describe(Status.INVALID_ARGUMENT.withDescription("no such stream").asRuntimeException()))
                .isEqualTo("INVALID_ARGUMENT: no such stream");
        assertThat(RegistryErrors.describe(new IllegalStateException("boom")))
                .isEqualTo("java.lang.IllegalStateException: boom");
    }
}
