package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.fold.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The role of a listed participant is read as strictly as presence-service reads a webhook's (ARCHITECTURE.md, "Names"). */
class ListedParticipantTest {

    private static ListedParticipant.Reading read(String identity, String metadata, Map<String, String> attributes) {
        return new ListedParticipant("PA_1", identity, metadata, attributes, Instant.EPOCH).reading();
    }

    @Test
    void shouldReadMetadataFirstThenAttributesThenTheIdentity() {
        assertThat(read("customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}", Map.of()))
                .isEqualTo(new ListedParticipant.Reading(Role.CUSTOMER, "metadata", "c1", List.of()));
        assertThat(read("mechanic-m1", "", Map.of("role", "mechanic", "userId", "m1")))
                .isEqualTo(new ListedParticipant.Reading(Role.MECHANIC, "attributes", "m1", List.of()));
        assertThat(read("mechanic-m1", null, Map.of()))
                .isEqualTo(new ListedParticipant.Reading(Role.MECHANIC, "identity", "m1", List.of()));
    }

    @Test
    void shouldNotTakeAnyPrefixForARole() {
        ListedParticipant.Reading reading = read("foo-bar", null, Map.of());
        assertThat(reading.role()).isNull();
        assertThat(reading.userId()).isNull();
        assertThat(reading.source()).isEqualTo("none");
        assertThat(reading.problems()).containsExactly("identity-malformed", "role-missing");
    }

    @Test
    void shouldRefuseARoleOfAnotherCase() {
        ListedParticipant.Reading reading = read("Customer-c1", "{\"role\":\"Customer\"}", Map.of());
        assertThat(reading.role()).isNull();
        assertThat(reading.problems()).containsExactly("identity-malformed", "role-invalid", "role-missing");
    }

    @Test
    void shouldNameEveryDisagreement() {
        ListedParticipant.Reading reading = read("customer-c1", "{\"role\":\"mechanic\",\"userId\":\"m1\"}", Map.of());
        assertThat(reading.role()).isEqualTo(Role.MECHANIC);
        assertThat(reading.problems()).containsExactly("role-contradiction", "user-id-contradiction");
        assertThat(read("customer-c1", "not json", Map.of()).problems()).containsExactly("metadata-not-json");
    }
}
