package dev.rendezvous.session.messaging;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hands a channel's polls to the fold so that the polls arriving while a transaction runs are folded
 * together, in the next one. SmallRye delivers one poll at a time, and queues further polls as they
 * come; under a steady trickle each poll holds a few records, so a transaction per poll made the
 * transactions, not the records, the limit: polls queued behind each other and readiness waited for
 * seconds. Polls are folded in the order they arrived, so each partition's order holds.
 *
 * @param <P> a poll, as the fold reads it
 */
final class FoldQueue<P> {

    private final Function<List<P>, Uni<Void>> fold;
    private final int maxWaiting;
    private final List<P> waiting = new ArrayList<>();
    private boolean folding;
    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);
    private Throwable failed;

    /**
     * @param fold folds polls together and acknowledges them once committed
     * @param maxWaiting polls that may wait for the next transaction before the consumer is held back
     */
    FoldQueue(Function<List<P>, Uni<Void>> fold, int maxWaiting) {
        this.fold = fold;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Takes a poll; completes once it is queued for a fold, which is at once unless {@code maxWaiting}
     * polls already wait. Fails once a fold has failed in a way no retry covers: the channel stops,
     * and the polls not yet acknowledged are delivered again after a restart.
     */
    Uni<Void> offer(P poll) {
        CompletableFuture<Void> admitted;
        boolean start;
        synchronized (this) {
            if (failed != null) {
                return Uni.createFrom().failure(failed);
            }
            waiting.add(poll);
            start = !folding;
            folding = true;
            if (waiting.size() < maxWaiting) {
                admitted = CompletableFuture.completedFuture(null);
            } else {
                if (room.isDone()) {
                    room = new CompletableFuture<>();
                }
                admitted = room;
            }
        }
        if (start) {
            next();
        }
        return Uni.createFrom().completionStage(admitted);
    }

    private void next() {
        List<P> polls;
        CompletableFuture<Void> released;
        synchronized (this) {
            if (waiting.isEmpty()) {
                folding = false;
                return;
            }
            polls = new ArrayList<>(waiting);
            waiting.clear();
            released = room;
        }
        released.complete(null);
        fold.apply(polls).subscribe().with(done -> next(), this::fail);
    }

    private void fail(Throwable failure) {
        CompletableFuture<Void> released;
        synchronized (this) {
            failed = failure;
            folding = false;
            released = room;
        }
        released.completeExceptionally(failure);
    }
}
