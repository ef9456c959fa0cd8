package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.support.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that reads nothing must not hold up the signals of anyone else. */
@QuarkusTest
class SlowClientTest {

    @Inject
    SessionStream stream;

    @Inject
    SignalHub hub;

    @Inject
    Vertx vertx;

    @Test
    void shouldCloseAStalledStreamAndKeepServingTheOthers() {
        Sessions.Created s = Sessions.create();
        AssertSubscriber<SessionStream.Item> stalled = AssertSubscriber.create(1);
        AssertSubscriber<SessionStream.Item> reading = AssertSubscriber.create(Long.MAX_VALUE);
        onRequestContext(() -> stream.open(s.id(), null, null).subscribe().withSubscriber(stalled));
        onRequestContext(() -> stream.open(s.id(), null, null).subscribe().withSubscriber(reading));
        stalled.awaitItems(1, Duration.ofSeconds(10));
        reading.awaitItems(1, Duration.ofSeconds(10));

        for (long version = 2; version <= 500; version++) {
            hub.publish(new SessionSnapshot(s.id(), SessionStatus.WAITING, version,
                    new SessionSnapshot.Party(s.customerId(), false, null, null, new SessionSnapshot.Media(false, false),
                            SessionSnapshot.Receives.NOTHING),
                    new SessionSnapshot.Party(s.mechanicId(), false, null, null, new SessionSnapshot.Media(false, false),
                            SessionSnapshot.Receives.NOTHING), false, false, null, null, null, null));
        }

        reading.awaitItems(500, Duration.ofSeconds(10));
        assertThat(reading.getItems().get(499).view().version()).isEqualTo(500);
        // The stalled client overflowed its buffer: its stream fails, and the browser resumes with Last-Event-ID.
        stalled.awaitFailure(Duration.ofSeconds(10));
        reading.cancel();
    }

    /** Streams are opened from an HTTP request's Vert.x context; Hibernate Reactive requires one. */
    private void onRequestContext(Runnable action) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> action.run());
    }
}
