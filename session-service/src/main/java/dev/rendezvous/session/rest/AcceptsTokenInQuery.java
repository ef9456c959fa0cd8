package dev.rendezvous.session.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that takes the caller's JWT as {@code ?access_token=}: a browser's
 * EventSource cannot set headers, nor can a person opening the support view's link. Every other
 * method refuses a JWT that came in the query string ({@link QueryTokenScope}), whatever its path
 * looks like.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsTokenInQuery {
}
