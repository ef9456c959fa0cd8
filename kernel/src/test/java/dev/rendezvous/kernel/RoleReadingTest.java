package dev.rendezvous.kernel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for reading a participant's role, for webhooks and LiveKit's participant list alike. */
class RoleReadingTest {

    @Test
    void shouldReadMetadataFirstThenAttributesThenTheIdentity() {
        RoleReading metadata = RoleReading.of("customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\",\"sessionId\":\"s1\"}", Map.of());
        assertThat(metadata.role()).isEqualTo(Role.CUSTOMER);
        assertThat(metadata.source()).isEqualTo("metadata");
        assertThat(metadata.userId()).isEqualTo("c1");
        assertThat(metadata.sessionId()).isEqualTo("s1");
        assertThat(metadata.problems()).isEmpty();
        RoleReading attributes = RoleReading.of("mechanic-m1", "", Map.of("role", "mechanic", "userId", "m1"));
        assertThat(attributes.role()).isEqualTo(Role.MECHANIC);
        assertThat(attributes.source()).isEqualTo("attributes");
        RoleReading identity = RoleReading.of("mechanic-m1", null, Map.of());
        assertThat(identity.role()).isEqualTo(Role.MECHANIC);
        assertThat(identity.source()).isEqualTo("identity");
        assertThat(identity.userId()).isEqualTo("m1");
    }

    @Test
    void shouldNotTakeAnyPrefixForARole() {
        RoleReading reading = RoleReading.of("foo-bar", null, Map.of());
        assertThat(reading.role()).isNull();
        assertThat(reading.userId()).isNull();
        assertThat(reading.source()).isEqualTo("none");
        assertThat(reading.problemCodes()).containsExactly("identity-malformed", "role-missing");
    }

    @Test
    void shouldRefuseARoleOfAnotherCase() {
        RoleReading reading = RoleReading.of("Customer-c1", "{\"role\":\"Customer\"}", Map.of());
        assertThat(reading.role()).isNull();
        assertThat(reading.problemCodes()).containsExactly("identity-malformed", "role-invalid", "role-missing");
    }

    @Test
    void shouldNameEveryDisagreement() {
        RoleReading reading = RoleReading.of("customer-c1", "{\"role\":\"mechanic\",\"userId\":\"m1\"}",
                Map.of("sessionId", "a"));
        assertThat(reading.role()).isEqualTo(Role.MECHANIC);
        assertThat(reading.problemCodes()).containsExactly("role-contradiction", "user-id-contradiction");
        assertThat(RoleReading.of("customer-c1", "not json", Map.of()).problemCodes()).containsExactly("metadata-not-json");
        assertThat(RoleReading.of("customer-c1", "[1]", Map.of()).problemCodes()).containsExactly("metadata-not-json");
        assertThat(RoleReading.of("customer-c1", "{\"sessionId\":\"a\"}", Map.of("sessionId", "b")).problemCodes())
                .containsExactly("session-id-contradiction");
    }

    @Test
    void shouldReadAParticipantThatClaimsARoleWithoutAUserAsNobody() {
        // The intruder of the security report: a role in its metadata, no user id anywhere.
        RoleReading intruder = RoleReading.of("intruder", "{\"role\":\"mechanic\",\"sessionId\":\"s1\"}", Map.of());
        assertThat(intruder.role()).isEqualTo(Role.MECHANIC);
        assertThat(intruder.userId()).isNull();
        assertThat(intruder.problemCodes()).containsExactly("identity-malformed");
    }
}
