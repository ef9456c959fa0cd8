package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Refusal;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Serves each Kafka record's JSON Schema at the URL its CloudEvents {@code dataschema} names
 * ({@code SCHEMA_BASE_URL}/{name}/v1.json), so a consumer can fetch what it validates against. Public:
 * the schemas are the published contract. Only the four known names are served, read once at start.
 */
@Path("/schemas")
@PermitAll
public class SchemaResource {

    static final String MEDIA_TYPE = "application/schema+json";

    private static final Set<String> NAMES = Set.of("participant-event", "token-event", "session-signal", "session-deadline");
    private static final Map<String, byte[]> SCHEMAS = NAMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
            SchemaResource::load));

    @GET
    @Path("{name}/v1.json")
    @Operation(summary = "The JSON Schema of a Kafka record: participant-event, token-event, session-signal or session-deadline")
    public Response schema(@PathParam("name") String name) {
        byte[] schema = SCHEMAS.get(name);
        if (schema == null) {
            throw Refusal.notFound("no schema '" + name + "'; there are " + NAMES.stream().sorted().toList());
        }
        return Response.ok(schema, MEDIA_TYPE).header("Cache-Control", "public, max-age=3600").build();
    }

    private static byte[] load(String name) {
        try (InputStream in = SchemaResource.class.getResourceAsStream("/record-schemas/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the build did not package the schema " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
