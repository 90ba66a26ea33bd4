package io.gatehouse.server.sql.parse;

/** A governance tag: a key and an optional value (null when only the key was given). */
public record Tag(String key, String value) {
}
