package io.gatehouse.server.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.identity.scim.ScimColumn.Kind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimFilterSqlTest {
  static final String EMAILS = "EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE %s)";

  /** Columns of a users table, as the persistence layer would map them. */
  static final Function<AttributePath, ScimColumn> USERS =
      path ->
          switch (path.key()) {
            case "id" -> new ScimColumn("p.id", Kind.STRING, true, null);
            case "username" -> ScimColumn.of("p.user_name", Kind.STRING);
            case "displayname" -> ScimColumn.of("p.display_name", Kind.STRING);
            case "active" -> ScimColumn.of("p.active", Kind.BOOLEAN);
            case "meta.created" -> ScimColumn.of("p.created_at", Kind.TIMESTAMP);
            case "logincount" -> ScimColumn.of("p.login_count", Kind.NUMBER);
            case "employeenumber" -> ScimColumn.of("p.employee_number", Kind.STRING);
            case "emails", "emails.value" -> ScimColumn.multiValued("e->>'value'", Kind.STRING, EMAILS);
            case "emails.type" -> ScimColumn.multiValued("e->>'type'", Kind.STRING, EMAILS);
            case "emails.primary" -> ScimColumn.multiValued("(e->>'primary')::boolean", Kind.BOOLEAN, EMAILS);
            case "groups.value" ->
                ScimColumn.multiValued(
                    "m.group_id", Kind.STRING,
                    "EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.id AND %s)");
            default -> null;
          };

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "userName eq \"Bjensen\"        | lower(p.user_name) = lower(?)                   | Bjensen",
        "USERNAME EQ \"Bjensen\"        | lower(p.user_name) = lower(?)                   | Bjensen",
        "id eq \"AbC\"                  | p.id = ?                                        | AbC",
        "userName ne \"x\"              | lower(p.user_name) IS DISTINCT FROM lower(?)    | x",
        "id ne \"x\"                    | p.id IS DISTINCT FROM ?                         | x",
        "userName co \"jen\"            | lower(p.user_name) LIKE lower(?) ESCAPE '\\'    | %jen%",
        "userName sw \"jen\"            | lower(p.user_name) LIKE lower(?) ESCAPE '\\'    | jen%",
        "userName ew \"jen\"            | lower(p.user_name) LIKE lower(?) ESCAPE '\\'    | %jen",
        "id sw \"2819\"                 | p.id LIKE ? ESCAPE '\\'                         | 2819%",
        "userName co \"50%_a\\\\b\"     | lower(p.user_name) LIKE lower(?) ESCAPE '\\'    | %50\\%\\_a\\\\b%",
        "userName gt \"m\"              | lower(p.user_name) > lower(?)                   | m",
        "userName ge \"m\"              | lower(p.user_name) >= lower(?)                  | m",
        "userName lt \"m\"              | lower(p.user_name) < lower(?)                   | m",
        "userName le \"m\"              | lower(p.user_name) <= lower(?)                  | m",
        "userName eq 42                 | lower(p.user_name) = lower(?)                   | 42",
        "userName pr                    | (p.user_name IS NOT NULL AND p.user_name <> '') | ",
        "userName eq null               | p.user_name IS NULL                             | ",
        "userName ne null               | p.user_name IS NOT NULL                         | ",
        "active pr                      | p.active IS NOT NULL                            | ",
        "loginCount pr                  | p.login_count IS NOT NULL                       | ",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\" | lower(p.employee_number) = lower(?) | 7",
        "emails co \"@example.com\"     | EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE lower(e->>'value') LIKE lower(?) ESCAPE '\\') | %@example.com%",
        "emails.type eq \"work\"        | EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE lower(e->>'type') = lower(?)) | work",
        "groups.value eq \"g1\"         | EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.id AND lower(m.group_id) = lower(?)) | g1",
      })
  void translatesOneComparison(String filter, String sql, String param) {
    SqlFragment fragment = ScimFilterSql.toSql(ScimFilter.parse(filter.strip()), USERS);

    assertThat(fragment.sql()).isEqualTo(sql.strip());
    assertThat(fragment.params()).containsExactlyElementsOf(param == null ? List.of() : List.of(param));
  }

  @Test
  void bindsBooleansNumbersAndTimestampsAsTypedParameters() {
    assertThat(sql("active eq true")).isEqualTo(new SqlFragment("p.active = ?", List.of(true)));
    assertThat(sql("active ne false")).isEqualTo(new SqlFragment("p.active IS DISTINCT FROM ?", List.of(false)));
    assertThat(sql("loginCount ge 10")).isEqualTo(new SqlFragment("p.login_count >= ?", List.of(10)));
    assertThat(sql("loginCount lt 2.5").params()).containsExactly(new java.math.BigDecimal("2.5"));
    assertThat(sql("meta.created gt \"2011-05-13T04:42:34Z\""))
        .isEqualTo(
            new SqlFragment(
                "p.created_at > ?", List.of(OffsetDateTime.of(2011, 5, 13, 4, 42, 34, 0, ZoneOffset.UTC))));
    assertThat(sql("meta.created le \"2011-05-13T06:42:34.5+02:00\"").params())
        .containsExactly(OffsetDateTime.of(2011, 5, 13, 6, 42, 34, 500_000_000, ZoneOffset.ofHours(2)));
  }

  @Test
  void valueFilterPutsAllItsConditionsInsideOneTemplateSoOneElementMustSatisfyThemAll() {
    SqlFragment fragment = sql("emails[type eq \"work\" and value co \"@x.com\"]");

    assertThat(fragment.sql())
        .isEqualTo(
            "EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE "
                + "(lower(e->>'type') = lower(?) AND lower(e->>'value') LIKE lower(?) ESCAPE '\\'))");
    assertThat(fragment.params()).containsExactly("work", "%@x.com%");
  }

  @Test
  void subAttributeComparisonsOutsideAValueFilterEachGetTheirOwnTemplate() {
    SqlFragment fragment = sql("emails.type eq \"work\" and emails.primary eq true");

    assertThat(fragment.sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE lower(e->>'type') = lower(?))"
                + " AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e"
                + " WHERE (e->>'primary')::boolean = ?))");
    assertThat(fragment.params()).containsExactly("work", true);
  }

  @Test
  void nestsLogicWithPrecedenceAndRendersNotSoNullsDoNotVanish() {
    SqlFragment fragment =
        sql("userName eq \"a\" and active eq true or not (displayName sw \"b\" or id eq \"c\")");

    assertThat(fragment.sql())
        .isEqualTo(
            "((lower(p.user_name) = lower(?) AND p.active = ?)"
                + " OR (lower(p.display_name) LIKE lower(?) ESCAPE '\\' OR p.id = ?) IS NOT TRUE)");
    assertThat(fragment.params()).containsExactly("a", true, "b%", "c");
    assertThat(sql("not (not (userName pr))").sql())
        .isEqualTo("(((p.user_name IS NOT NULL AND p.user_name <> '')) IS NOT TRUE) IS NOT TRUE");
    assertThat(sql("not (emails[type eq \"work\"])").sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e WHERE lower(e->>'type') = lower(?)))"
                + " IS NOT TRUE");
  }

  @Test
  void flattensChainsOfOneOperatorInsteadOfNestingThem() {
    assertThat(sql("userName eq \"a\" or userName eq \"b\" or userName eq \"c\"").sql())
        .isEqualTo("(lower(p.user_name) = lower(?) OR lower(p.user_name) = lower(?) OR lower(p.user_name) = lower(?))");
    assertThat(sql("userName pr and (active eq true and id eq \"x\")").sql())
        .isEqualTo("((p.user_name IS NOT NULL AND p.user_name <> '') AND p.active = ? AND p.id = ?)");
  }

  @Test
  void neverPutsClientValuesIntoTheSqlText() {
    String hostile = "x' OR '1'='1'; DROP TABLE users; --";
    String filter = "userName eq \"" + hostile + "\" or emails co \"" + hostile + "\" or userName sw \"" + hostile + "\"";

    SqlFragment fragment = sql(filter);

    assertThat(fragment.sql()).doesNotContain("DROP").doesNotContain("'1'");
    assertThat(fragment.params()).contains(hostile);
    assertThat(fragment.sql().chars().filter(c -> c == '?').count()).isEqualTo(fragment.params().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "title eq \"x\"                     | The attribute 'title' is not filterable",
        "emails[display eq \"x\"]           | The attribute 'emails.display' is not filterable",
        "active eq \"true\"                 | The attribute 'active' is a boolean: compare it with true or false",
        "active eq 1                        | The attribute 'active' is a boolean: compare it with true or false",
        "active gt 1                        | 'gt' cannot be used with the boolean attribute 'active'",
        "active co \"t\"                    | 'co' cannot be used with the boolean attribute 'active'",
        "loginCount eq \"10\"               | The attribute 'loginCount' is a number: compare it with a number",
        "loginCount sw \"1\"                | 'sw' applies to strings; 'loginCount' is a number",
        "meta.created gt \"yesterday\"      | 'yesterday' is not a dateTime with an offset, such as 2011-05-13T04:42:34Z",
        "meta.created gt \"2011-05-13T04:42:34\" | is not a dateTime with an offset",
        "meta.created gt 2011               | The attribute 'meta.created' is a dateTime",
        "meta.created co \"2011\"           | 'co' applies to strings; 'meta.created' is a dateTime",
        "userName eq true                   | The attribute 'userName' is a string: compare it with a quoted string",
        "emails[type eq \"work\" and groups.value eq \"x\"] | by its simple name",
        "emails[type eq \"work\" and primary eq true and value eq \"x\"] | -",
      })
  void rejectsFiltersThatDoNotSuitTheColumns(String filter, String message) {
    ScimFilter parsed;
    try {
      parsed = ScimFilter.parse(filter.strip());
    } catch (ScimException e) {
      // a value filter may only name simple sub-attributes: the parser already refuses it
      assertThat(e.getMessage()).contains(message.strip());
      return;
    }
    if (message.strip().equals("-")) {
      assertThat(ScimFilterSql.toSql(parsed, USERS).params()).containsExactly("work", true, "x");
      return;
    }
    assertThatThrownBy(() -> ScimFilterSql.toSql(parsed, USERS))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).isEqualTo("invalidFilter");
              assertThat(e.getMessage()).contains(message.strip());
            });
  }

  @Test
  void valueFilterWhoseSubAttributesComeFromDifferentSourcesIsRefused() {
    Function<AttributePath, ScimColumn> mixed =
        path ->
            path.key().equals("emails.type")
                ? ScimColumn.multiValued("e->>'type'", Kind.STRING, EMAILS)
                : ScimColumn.of("p.primary_email", Kind.STRING);

    assertThatThrownBy(() -> ScimFilterSql.toSql(ScimFilter.parse("emails[type eq \"w\" and value eq \"x\"]"), mixed))
        .isInstanceOf(ScimException.class)
        .hasMessage("The sub-attributes of 'emails' cannot be combined in one value filter");
  }

  @Test
  void resolverIsAskedForTheQualifiedSubAttributeInsideValueFilters() {
    List<AttributePath> asked = new ArrayList<>();
    ScimFilterSql.toSql(
        ScimFilter.parse("emails[type eq \"work\" and not (value pr)]"),
        path -> {
          asked.add(path);
          return USERS.apply(path);
        });

    assertThat(asked)
        .containsExactly(new AttributePath(null, "emails", "type"), new AttributePath(null, "emails", "value"));
  }

  @Test
  void escapeLikeEscapesTheEscapeCharacterFirst() {
    assertThat(ScimFilterSql.escapeLike("a\\%b_c")).isEqualTo("a\\\\\\%b\\_c");
    assertThat(ScimFilterSql.escapeLike("plain")).isEqualTo("plain");
  }

  private static SqlFragment sql(String filter) {
    return ScimFilterSql.toSql(ScimFilter.parse(filter), USERS);
  }
}
