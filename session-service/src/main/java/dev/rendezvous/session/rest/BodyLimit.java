package dev.rendezvous.session.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The most bytes a call's body may have; {@link BodyLimits} refuses more with 413 before anything reads it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {

    /** A few KB: every body of this service is a small JSON object. */
    int DEFAULT = 4096;

    int value();
}
