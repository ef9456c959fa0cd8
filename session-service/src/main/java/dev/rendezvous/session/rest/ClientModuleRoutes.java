package dev.rendezvous.session.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the browser module (client/, published on npm as @rendezvous/client) to pages of any origin:
 * it is public code, and a page whose origin is not in CORS_ORIGINS must still be able to import it
 * (its API calls are what CORS_ORIGINS guards). The versioned URL never changes content, so browsers
 * keep it for a year; the unversioned one always serves the newest and is kept five minutes, so an
 * upgrade reaches pages that import it within minutes, not a day.
 *
 * <p>These are Vert.x routes, not JAX-RS resources, because Quarkus's CORS handler refuses a foreign
 * origin before any resource runs; they answer only GET and HEAD of exactly these two paths.
 */
@ApplicationScoped
public class ClientModuleRoutes {

    static final String LATEST = "/rendezvous-client.js";
    static final String LATEST_CACHE = "public, max-age=300";
    static final String VERSIONED_CACHE = "public, max-age=31536000, immutable";

    private static final String TYPE = "text/javascript; charset=utf-8";

    private final Buffer module = Buffer.buffer(load("rendezvous-client.js"));
    private final String version = versionOf(load("package.json"));

    void route(@Observes Router router) {
        router.route(LATEST).order(Integer.MIN_VALUE).handler(context -> serve(context, LATEST_CACHE));
        router.route(versioned()).order(Integer.MIN_VALUE).handler(context -> serve(context, VERSIONED_CACHE));
    }

    void logVersion(@Observes StartupEvent started) {
        io.quarkus.logging.Log.infof("Serving the browser module %s at %s and %s", version, versioned(), LATEST);
    }

    /** Where this build's module lives for good: /rendezvous-client/<version>/rendezvous-client.js. */
    String versioned() {
        return "/rendezvous-client/" + version + "/rendezvous-client.js";
    }

    private void serve(RoutingContext context, String cacheControl) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            context.next();
            return;
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (method == HttpMethod.HEAD) {
            context.response().putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(module.length())).end();
        } else {
            context.response().end(module);
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = ClientModuleRoutes.class.getResourceAsStream("/client-module/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package client/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(byte[] packageJson) {
        try {
            return new ObjectMapper().readTree(packageJson).get("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("client/package.json is not JSON", e);
        }
    }
}
