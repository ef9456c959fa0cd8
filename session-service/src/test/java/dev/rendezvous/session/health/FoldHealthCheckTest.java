package dev.rendezvous.session.health;

import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.messaging.FoldProgress;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness names a partition whose fold keeps failing, once it has failed for longer than FOLD_STUCK_AFTER. */
class FoldHealthCheckTest {

    private static SessionConfig stuckAfter(Duration after) {
        return (SessionConfig) Proxy.newProxyInstance(SessionConfig.class.getClassLoader(), new Class<?>[]{SessionConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("foldStuckAfter")) {
                        return after;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void shouldReportAPartitionStuckLongerThanAllowedAndClearItOnceItMoves() throws Exception {
        FoldProgress progress = new FoldProgress();
        FoldHealthCheck check = new FoldHealthCheck(progress, stuckAfter(Duration.ofMillis(50)));
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        progress.failing("participant-events", 2, new IllegalStateException("the fold failed"));
        assertThat(check.call().getStatus()).as("a first failure is not yet stuck").isEqualTo(HealthCheckResponse.Status.UP);
        Thread.sleep(120);
        progress.failing("participant-events", 2, new IllegalStateException("still failing"));
        HealthCheckResponse stuck = check.call();
        assertThat(stuck.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stuck.getData().orElseThrow()).containsKey("participant-events-2");
        assertThat(stuck.getData().orElseThrow().get("participant-events-2").toString()).contains("still failing");

        progress.moving("participant-events", 2);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
