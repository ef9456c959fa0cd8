package dev.rendezvous.session.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.session.fold.ReceptionProblem;
import dev.rendezvous.session.service.ReceptionReports;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The body of {@code PUT /v1/sessions/{id}/reception}, read strictly: exactly {@code video} and
 * {@code audio} as booleans and, optionally, one known {@code problem}; anything else is a 400 that
 * says what was wrong (a page that sends "true" as a string would otherwise be read as never playing).
 */
@Schema(name = "ReceptionReport", description = "What the caller's page plays of the other role")
public record ReceptionRequest(
        @Schema(required = true, description = "the other role's camera is rendering (frames decoding)") boolean video,
        @Schema(required = true, description = "the other role's microphone is playing") boolean audio,
        @Schema(nullable = true, enumeration = {"autoplay-blocked", "no-video-frames", "no-audio", "not-subscribed"},
                description = "why not, when the page knows") String problem) {

    /** Ten times the longest report: a body past it is refused before it is parsed. */
    static final int MAX_BYTES = 512;

    private static final Set<String> FIELDS = Set.of("video", "audio", "problem");
    private static final String PROBLEMS = Arrays.stream(ReceptionProblem.values()).map(ReceptionProblem::wire)
            .collect(Collectors.joining(", "));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report a body holds, or a 400 that says what is wrong with it. */
    static ReceptionReports.Report read(String text) {
        if (text == null || text.isBlank()) {
            throw bad("send {\"video\": true|false, \"audio\": true|false, \"problem\"?: \"…\"}");
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("unreadable-body", "the body is not JSON: " + e.getOriginalMessage());
        }
        return read(body);
    }

    private static ReceptionReports.Report read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw bad("send {\"video\": true|false, \"audio\": true|false, \"problem\"?: \"…\"}");
        }
        if (!body.isObject()) {
            throw bad("the body must be a JSON object {\"video\": …, \"audio\": …}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw bad("unknown field '" + name + "': a report has video, audio and, optionally, problem");
            }
        });
        boolean video = flag(body, "video");
        boolean audio = flag(body, "audio");
        JsonNode problem = body.get("problem");
        if (problem == null || problem.isNull()) {
            return new ReceptionReports.Report(video, audio, null);
        }
        if (!problem.isTextual()) {
            throw bad("problem must be one of " + PROBLEMS + ", or left out");
        }
        return new ReceptionReports.Report(video, audio, ReceptionProblem.ofWire(problem.textValue())
                .orElseThrow(() -> bad("problem '" + problem.textValue() + "' is not one of " + PROBLEMS)));
    }

    private static boolean flag(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isBoolean()) {
            throw bad(name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static Refusal bad(String message) {
        return Refusal.invalid("bad-reception", message);
    }
}
