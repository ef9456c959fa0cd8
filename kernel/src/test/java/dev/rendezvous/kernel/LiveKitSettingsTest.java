package dev.rendezvous.kernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveKitSettingsTest {

    @Test
    void shouldNameEveryMissingSetting() {
        assertThatThrownBy(() -> LiveKitSettings.require(Optional.of("ws://x"), Optional.of(" "), Optional.empty()))
                .hasMessageContaining("LIVEKIT_API_KEY, LIVEKIT_API_SECRET").hasMessageNotContaining("LIVEKIT_URL");
        assertThatCode(() -> LiveKitSettings.require(Optional.of("ws://x"), Optional.of("k"), Optional.of("s")))
                .doesNotThrowAnyException();
    }
}
