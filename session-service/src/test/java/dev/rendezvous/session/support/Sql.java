package dev.rendezvous.session.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/** Native SQL against the service's own database, for tests that set up or look at rows directly. */
public final class Sql {

    private Sql() {
    }

    /** Runs a statement in its own transaction. */
    public static void execute(String statement) {
        await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(statement).executeUpdate())));
    }

    /** The single number a query answers, e.g. a {@code count(*)}. */
    public static long count(String query) {
        return await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(query, Long.class).getSingleResult())));
    }

    /** The single text a query answers. */
    public static String text(String query) {
        return await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(query, String.class).getSingleResult())));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
