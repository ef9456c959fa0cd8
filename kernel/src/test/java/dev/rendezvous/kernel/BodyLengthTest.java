package dev.rendezvous.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyLengthTest {

    @Test
    void shouldLetALengthUpToTheLimitThrough() {
        assertThat(BodyLength.check(null, 512)).isEmpty();
        assertThat(BodyLength.check("512", 512)).isEmpty();
        assertThat(BodyLength.check(" 0 ", 512)).isEmpty();
    }

    @Test
    void shouldRefuseALengthPastTheLimitWith413AndNoNumberWith400() {
        assertThat(BodyLength.check("513", 512)).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.TOO_LARGE);
            assertThat(r.code()).isEqualTo("body-too-large");
            assertThat(r.getMessage()).isEqualTo("this call takes a body of at most 512 bytes");
        });
        assertThat(BodyLength.check("10485760", 512)).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.TOO_LARGE));
        assertThat(BodyLength.check("lots", 512)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("bad-content-length"));
    }

    @Test
    void shouldRefuseABodyReadPastTheLimit() {
        assertThat(BodyLength.within("{}", 2)).isEqualTo("{}");
        assertThat(BodyLength.within(null, 2)).isNull();
        assertThatThrownBy(() -> BodyLength.within("{ }", 2)).isInstanceOf(Refusal.class).hasMessageContaining("at most 2 bytes");
    }
}
