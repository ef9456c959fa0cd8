package dev.rendezvous.session.repository;

import dev.rendezvous.session.Session;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@WithSession
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {
}
