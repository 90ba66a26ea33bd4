package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2), e.g. {@code userName eq "bjensen"} or {@code
 * emails[type eq "work" and value co "@example.com"]}.
 *
 * <p>Inside a {@link ValuePath}, the inner filter's paths are relative to one element of the
 * multi-valued attribute: in {@code emails[type eq "work"]} the inner path is just {@code type}.
 */
public sealed interface ScimFilter
    permits ScimFilter.Compare,
        ScimFilter.Present,
        ScimFilter.And,
        ScimFilter.Or,
        ScimFilter.Not,
        ScimFilter.ValuePath {

  /** Attribute keys compared case-exactly by default: RFC 7643 marks {@code id} caseExact. */
  Set<String> DEFAULT_CASE_EXACT = Set.of("id");

  /** The comparison operators of RFC 7644 Table 3. */
  enum Operator {
    EQ,
    NE,
    CO,
    SW,
    EW,
    GT,
    GE,
    LT,
    LE;

    /** The operator as a filter writes it, lower-case. */
    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** True for the ordering operators gt, ge, lt and le. */
    public boolean isOrdering() {
      return this == GT || this == GE || this == LT || this == LE;
    }

    /** True for the substring operators co, sw and ew. */
    public boolean isSubstring() {
      return this == CO || this == SW || this == EW;
    }
  }

  /**
   * {@code path op value}; value is a TextNode, BooleanNode, NumericNode or NullNode.
   */
  record Compare(AttributePath path, Operator op, JsonNode value) implements ScimFilter {
    public Compare {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code path pr}: the attribute has a non-empty value. */
  record Present(AttributePath path) implements ScimFilter {
    public Present {
      Objects.requireNonNull(path, "path");
    }
  }

  record And(ScimFilter left, ScimFilter right) implements ScimFilter {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  record Or(ScimFilter left, ScimFilter right) implements ScimFilter {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  record Not(ScimFilter inner) implements ScimFilter {
    public Not {
      Objects.requireNonNull(inner, "inner");
    }
  }

  /** {@code path[inner]}: some element of the multi-valued attribute satisfies inner. */
  record ValuePath(AttributePath path, ScimFilter inner) implements ScimFilter {
    public ValuePath {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(inner, "inner");
    }
  }

  /**
   * Parses a filter.
   *
   * @throws ScimException invalidFilter naming the character position (1-based) and what was
   *     expected there
   */
  static ScimFilter parse(String text) {
    return new FilterParser(text).parseFilter();
  }

  /**
   * Evaluates this filter against a resource as SCIM serializes it. Attribute names match
   * case-insensitively and strings compare case-insensitively, except for {@code id}.
   */
  default boolean matches(JsonNode resource) {
    return matches(resource, DEFAULT_CASE_EXACT);
  }

  /**
   * Evaluates this filter; strings of the attributes whose {@link AttributePath#key()} is in
   * {@code caseExactKeys} (e.g. {@code "id"}, {@code "externalid"}, {@code "emails.value"}) compare
   * case-exactly, all others case-insensitively.
   */
  default boolean matches(JsonNode resource, Set<String> caseExactKeys) {
    return new FilterMatcher(caseExactKeys).matches(this, resource);
  }
}
