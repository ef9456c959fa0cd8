package dev.rendezvous.token.service;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.TokenEvent;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.TokenResponse;
import dev.rendezvous.token.client.LiveKitRoomOpener;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.roster.RosterView;
import dev.rendezvous.token.roster.Rosters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Decides the caller's role from the session's roster (never from the client) and mints their token. */
@ApplicationScoped
public class TokenService {

    private final Rosters roster;
    private final LiveKitTokenMinter minter;
    private final TokenEvents events;
    private final LiveKitConfig livekit;
    private final MintLimits limits;
    private final LiveKitRoomOpener rooms;
    private final Map<Role, Counter> mintedPerRole = new EnumMap<>(Role.class);

    public TokenService(Rosters roster, LiveKitTokenMinter minter, TokenEvents events,
                        LiveKitConfig livekit, MintLimits limits, LiveKitRoomOpener rooms, MeterRegistry registry) {
        this.rooms = rooms;
        this.roster = roster;
        this.minter = minter;
        this.events = events;
        this.livekit = livekit;
        this.limits = limits;
        for (Role role : Role.values()) {
            mintedPerRole.put(role, registry.counter("rendezvous.tokens.minted", "role", role.wire()));
        }
    }

    /**
     * What a caller may ask for beyond the session, all optional: a role (only to choose between two roles
     * they both hold), a display name, and the identity they expect (refused unless it is the one the
     * roster gives them).
     */
    public record Asked(String role, String displayName, String identity) {
        public static final Asked NOTHING = new Asked(null, null, null);
    }

    /** @param requestedRole only used to choose between two roles that the caller both holds; may be null */
    public Uni<TokenResponse> issue(String sessionId, JsonWebToken caller, String requestedRole) {
        return issue(sessionId, caller, new Asked(requestedRole, null, null));
    }

    public Uni<TokenResponse> issue(String sessionId, JsonWebToken caller, Asked asked) {
        String userId = caller.getSubject();
        if (!Names.isUserId(userId)) {
            throw Refusal.invalid("bad-user-id", "the JWT's sub cannot form a LiveKit identity "
                    + "(1-128 letters, digits or ._@|:+=-)");
        }
        // Before anything else: a caller over the limit costs no roster read and writes no token-event.
        limits.take(userId, sessionId);
        RosterView known = roster.local(sessionId);
        Uni<RosterView> view = known != null ? Uni.createFrom().item(known) : roster.remote(sessionId, caller.getRawToken());
        return view.chain(v -> {
            Role role = decide(sessionId, v, userId, asked);
            // Only a caller who may join opens the room, and the token exists only once the room does.
            return rooms.open(RoomName.of(UUID.fromString(sessionId)).value())
                    .map(opened -> mint(sessionId, role, caller, userId, asked));
        });
    }

    /** The caller's role on an open session, or the refusal that says why they get none. */
    private static Role decide(String sessionId, RosterView view, String userId, Asked asked) {
        if (view.isEnded()) {
            throw Refusal.conflict("session-ended", "session " + sessionId + " has ended");
        }
        Role role = chooseRole(view, userId, asked.role() != null ? asked.role() : roleOf(asked.identity(), userId));
        if (asked.identity() != null && !asked.identity().equals(Identity.of(role, userId).value())) {
            throw Refusal.invalid("identity-not-yours", "participant_identity '" + asked.identity() + "' is not yours: "
                    + "on this session you join as " + Identity.of(role, userId).value() + " (leave it out)");
        }
        return role;
    }

    private TokenResponse mint(String sessionId, Role role, JsonWebToken caller, String userId, Asked asked) {
        Instant now = Instant.now();
        String name = asked.displayName() != null ? asked.displayName() : displayName(caller);
        LiveKitTokenMinter.Minted minted = minter.mint(sessionId, role, userId, name, now);
        String identity = minted.identity();
        String room = minted.room();
        events.publish(new TokenEvent(UUID.randomUUID().toString(), TokenEvent.ISSUED, sessionId, userId, role.wire(),
                identity, room, now, minted.expiresAt()));
        mintedPerRole.get(role).increment();
        // One line per mint is noise at thousands a second; token-events is the record of every mint.
        Log.debugf("Token minted for %s in %s, expires %s", identity, room, minted.expiresAt());
        return new TokenResponse(livekit.browserUrl(), minted.jwt(), room, identity, role.wire(), minted.expiresAt());
    }

    private static Role chooseRole(RosterView view, String userId, String requestedRole) {
        List<Role> held = view.rolesOf(userId);
        Role requested = requestedRole == null ? null : Role.fromWire(requestedRole)
                .orElseThrow(() -> Refusal.invalid("bad-role", "role must be 'customer', 'mechanic' or 'supervisor'"));
        if (held.isEmpty()) {
            throw Refusal.notOnRoster("user " + userId + " is not on the roster of this session");
        }
        if (held.size() > 1) {
            if (requested == null || !held.contains(requested)) {
                throw Refusal.conflict("role-ambiguous", "you hold several roles on this session ("
                        + held.stream().map(Role::wire).toList() + "); send {\"role\": \"<one of them>\"}");
            }
            return requested;
        }
        Role role = held.get(0);
        if (requested != null && requested != role) {
            throw Refusal.notOnRoster("user " + userId + " is the " + role.wire() + ", not the " + requested.wire());
        }
        return role;
    }

    /** The role an identity the caller expects names, when it is theirs; null otherwise (the roster decides). */
    private static String roleOf(String identity, String userId) {
        if (identity == null) {
            return null;
        }
        return new Identity(identity).named().filter(n -> userId.equals(n.userId())).map(Identity.Named::role).orElse(null);
    }

    private static String displayName(JsonWebToken caller) {
        String name = caller.getClaim("name");
        return name != null ? name : caller.getClaim("preferred_username");
    }
}
