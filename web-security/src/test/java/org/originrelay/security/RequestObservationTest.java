package org.originrelay.security;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.security.testapp.SecuredTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request is observed once, as a whole, whether its token is accepted or not: no observation per
 * security filter, authentication or authorization (they cost a third of a request's CPU).
 */
@SpringBootTest(classes = {SecuredTestApplication.class, RequestObservationTest.Recorder.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relay.security.jwt.hmac-secret=" + Tokens.SECRET)
class RequestObservationTest {

    @LocalServerPort
    int port;
    @Autowired
    Recorder recorder;

    @BeforeEach
    void forgetEarlierRequests() {
        recorder.stopped.clear();
    }

    @Test
    void anAuthenticatedRequestIsObservedOnceAsAWhole() {
        Http.Response response = Http.get(port, "/whoami", Tokens.hs256(Tokens.valid("alice", "owner").build()));

        assertThat(response.status()).isEqualTo(200);
        awaitTheRequestsObservation();
        assertThat(recorder.stopped).noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void aRejectedRequestIsObservedOnceAsAWholeToo() {
        Http.Response response = Http.get(port, "/whoami", "not.a.token");

        assertThat(response.status()).isEqualTo(401);
        awaitTheRequestsObservation();
        assertThat(recorder.stopped).noneMatch(name -> name.startsWith("spring.security"));
    }

    /** The server stops its observation after the response has been sent; the security ones stop before. */
    private void awaitTheRequestsObservation() {
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.stopped.contains("http.server.requests"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recorder {

        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Bean
        ObservationHandler<Observation.Context> stoppedObservations() {
            return new ObservationHandler<>() {
                @Override
                public void onStop(Observation.Context context) {
                    stopped.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            };
        }
    }
}
