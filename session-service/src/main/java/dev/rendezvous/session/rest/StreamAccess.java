package dev.rendezvous.session.rest;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link StreamAccessCheck} to a stream method: who may open it is decided before the response
 * starts, for the method the request was matched to, whatever spelling of its path was used.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface StreamAccess {
}
