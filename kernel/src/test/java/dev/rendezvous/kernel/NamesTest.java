package dev.rendezvous.kernel;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Session ids, user ids, rooms and identities as docs/architecture.md names them. */
class NamesTest {

    private static final UUID ID = UUID.fromString("3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60");

    @Test
    void shouldReadSessionIdsInAnyCaseAsCanonicalLowerCase() {
        assertThat(Names.sessionIdOrNull("3F0A7C52-6B1E-4D8F-9A27-5C4E1D2B8F60")).isEqualTo(ID);
        assertThat(Names.sessionIdOrNull("not-a-uuid")).isNull();
        assertThat(Names.sessionIdOrNull(ID + "0")).isNull();
        assertThat(Names.sessionIdOrNull(null)).isNull();
    }

    @Test
    void shouldTakeOnlyUserIdsThatCanFormAnIdentity() {
        assertThat(Names.isUserId("c-1.x@y|z:+=")).isTrue();
        for (String bad : new String[]{"", "has space", "x".repeat(129), "slash/inside", "new\nline", "ünïcode", null}) {
            assertThat(Names.isUserId(bad)).as(bad).isFalse();
        }
    }

    @Test
    void shouldNameAndReadRooms() {
        assertThat(RoomName.of(ID).value()).isEqualTo("session-" + ID);
        assertThat(RoomName.of(ID).sessionId()).isEqualTo(ID);
        assertThat(RoomName.read("session-" + ID).problems()).isEmpty();
        RoomName.Reading upper = RoomName.read("Session-" + ID.toString().toUpperCase());
        assertThat(upper.sessionId()).isEqualTo(ID);
        assertThat(upper.problems()).extracting(Problem::code).containsExactly("room-name-not-canonical");
        assertThat(RoomName.read("lobby").sessionId()).isNull();
        assertThat(RoomName.read("lobby").problems()).extracting(Problem::code).containsExactly("room-without-session-id");
        assertThat(RoomName.read(null).problems()).extracting(Problem::code).containsExactly("room-missing");
        assertThat(new RoomName(ID.toString()).sessionId()).isNull();
    }

    @Test
    void shouldNameAndReadIdentities() {
        assertThat(Identity.of(Role.MECHANIC, "m-1").value()).isEqualTo("mechanic-m-1");
        assertThat(new Identity("customer-c-1").named()).contains(new Identity.Named("customer", "c-1"));
        assertThat(new Identity("Customer-c-1").named()).isEmpty();
        assertThat(new Identity(null).named()).isEmpty();
        assertThat(new Identity("supervisor-s-1").named()).contains(new Identity.Named("supervisor", "s-1"));
        assertThat(new Identity("observer-s-1").named()).isEmpty();
    }

    /** Every rule that names roles reads them from Role: each wire name reads back, and nothing else does. */
    @Test
    void shouldReadEveryRoleByItsWireNameAndNoOther() {
        for (Role role : Role.values()) {
            assertThat(Role.fromWire(role.wire())).contains(role);
            assertThat(Identity.of(role, "u-1").named()).contains(new Identity.Named(role.wire(), "u-1"));
        }
        assertThat(Role.fromWire("Customer")).isEmpty();
        assertThat(Role.fromWire("unknown")).isEmpty();
        assertThat(Role.fromWire(null)).isEmpty();
        assertThat(Role.inWords()).isEqualTo("customer, mechanic or supervisor");
    }
}
