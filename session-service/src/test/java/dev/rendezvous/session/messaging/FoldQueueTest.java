package dev.rendezvous.session.messaging;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoldQueueTest {

    /** A fold whose transactions finish when the test says so. */
    private static final class Folds {
        final List<List<String>> folded = new ArrayList<>();
        final List<CompletableFuture<Void>> running = new ArrayList<>();

        Uni<Void> fold(List<String> polls) {
            folded.add(List.copyOf(polls));
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        }

        void finishLast() {
            running.get(running.size() - 1).complete(null);
        }
    }

    @Test
    void shouldFoldThePollsThatArriveDuringATransactionTogetherInTheNextOneInOrder() {
        Folds folds = new Folds();
        FoldQueue<String> queue = new FoldQueue<>(folds::fold, 8);

        queue.offer("p1").await().indefinitely();
        queue.offer("p2").await().indefinitely();
        queue.offer("p3").await().indefinitely();
        assertThat(folds.folded).containsExactly(List.of("p1"));

        folds.finishLast();
        assertThat(folds.folded).containsExactly(List.of("p1"), List.of("p2", "p3"));
        folds.finishLast();
        queue.offer("p4").await().indefinitely();
        assertThat(folds.folded).containsExactly(List.of("p1"), List.of("p2", "p3"), List.of("p4"));
    }

    @Test
    void shouldHoldTheConsumerBackOnceEnoughPollsWait() {
        Folds folds = new Folds();
        FoldQueue<String> queue = new FoldQueue<>(folds::fold, 2);
        queue.offer("p1").await().indefinitely();
        queue.offer("p2").await().indefinitely();

        CompletableFuture<Void> third = queue.offer("p3").subscribeAsCompletionStage();
        assertThat(third).as("two polls already wait").isNotDone();

        folds.finishLast();
        assertThat(third).as("they went into a fold").isCompleted();
        assertThat(folds.folded).containsExactly(List.of("p1"), List.of("p2", "p3"));
    }

    @Test
    void shouldStopTakingPollsOnceAFoldFailedBeyondItsRetries() {
        Folds folds = new Folds();
        FoldQueue<String> queue = new FoldQueue<>(folds::fold, 8);
        queue.offer("p1").await().indefinitely();
        folds.running.get(0).completeExceptionally(new IllegalStateException("bug"));

        assertThatThrownBy(() -> queue.offer("p2").await().indefinitely()).hasMessageContaining("bug");
        assertThat(folds.folded).containsExactly(List.of("p1"));
    }
}
