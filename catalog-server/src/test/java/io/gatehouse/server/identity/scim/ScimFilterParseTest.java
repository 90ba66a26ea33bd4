package io.gatehouse.server.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.server.identity.scim.ScimFilter.And;
import io.gatehouse.server.identity.scim.ScimFilter.Compare;
import io.gatehouse.server.identity.scim.ScimFilter.Not;
import io.gatehouse.server.identity.scim.ScimFilter.Operator;
import io.gatehouse.server.identity.scim.ScimFilter.Or;
import io.gatehouse.server.identity.scim.ScimFilter.Present;
import io.gatehouse.server.identity.scim.ScimFilter.ValuePath;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScimFilterParseTest {
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static Stream<Arguments> validFilters() {
    return Stream.of(
        Arguments.of("userName eq \"bjensen\"", eq("userName", text("bjensen"))),
        Arguments.of("USERNAME EQ \"bjensen\"", eq("userName", text("bjensen"))),
        Arguments.of("  userName \t eq   \"bjensen\"  ", eq("userName", text("bjensen"))),
        Arguments.of("name.familyName co \"O'Malley\"", cmp("name.familyName", Operator.CO, text("O'Malley"))),
        Arguments.of("userName Sw \"J\"", cmp("userName", Operator.SW, text("J"))),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            cmp("urn:ietf:params:scim:schemas:core:2.0:User:userName", Operator.SW, text("J"))),
        Arguments.of(
            ENTERPRISE + ":employeeNumber eq \"701984\"",
            eq(ENTERPRISE + ":employeeNumber", text("701984"))),
        Arguments.of(ENTERPRISE + ":manager.value pr", pr(ENTERPRISE + ":manager.value")),
        Arguments.of("title pr", pr("title")),
        Arguments.of("title PR", pr("title")),
        Arguments.of(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.GT, text("2011-05-13T04:42:34Z"))),
        Arguments.of("meta.lastModified le \"2011\"", cmp("meta.lastModified", Operator.LE, text("2011"))),
        Arguments.of("loginCount ge 10", cmp("loginCount", Operator.GE, IntNode.valueOf(10))),
        Arguments.of("loginCount lt -1.5", cmp("loginCount", Operator.LT, DecimalNode.valueOf(new BigDecimal("-1.5")))),
        Arguments.of("loginCount ne 1e3", cmp("loginCount", Operator.NE, DecimalNode.valueOf(new BigDecimal("1e3")))),
        Arguments.of("loginCount eq 12345678901", eq("loginCount", LongNode.valueOf(12345678901L))),
        Arguments.of("active eq true", eq("active", BooleanNode.TRUE)),
        Arguments.of("active eq False", eq("active", BooleanNode.FALSE)),
        Arguments.of("nickName eq NULL", eq("nickName", NullNode.instance)),
        Arguments.of("members.$ref eq \"x\"", eq("members.$ref", text("x"))),
        Arguments.of(
            "displayName eq \"a\\\"b\\\\c\\u0041\\/\\n\"", eq("displayName", text("a\"b\\cA/\n"))),
        Arguments.of("title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", text("Employee")))),
        Arguments.of("title pr OR userType eq \"Intern\"", or(pr("title"), eq("userType", text("Intern")))),
        // and binds tighter than or, on either side
        Arguments.of("a pr or b pr and c pr", or(pr("a"), and(pr("b"), pr("c")))),
        Arguments.of("a pr and b pr or c pr", or(and(pr("a"), pr("b")), pr("c"))),
        Arguments.of("(a pr or b pr) and c pr", and(or(pr("a"), pr("b")), pr("c"))),
        Arguments.of("a pr and b pr and c pr", and(and(pr("a"), pr("b")), pr("c"))),
        // not binds tighter than and
        Arguments.of("not (a pr) and b pr", and(not(pr("a")), pr("b"))),
        Arguments.of("not(a pr or b pr)", not(or(pr("a"), pr("b")))),
        Arguments.of("NOT (not (a pr))", not(not(pr("a")))),
        Arguments.of("((a pr))", pr("a")),
        Arguments.of(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            and(
                eq("userType", text("Employee")),
                or(cmp("emails", Operator.CO, text("example.com")), cmp("emails.value", Operator.CO, text("example.org"))))),
        Arguments.of(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            and(
                cmp("userType", Operator.NE, text("Employee")),
                not(or(cmp("emails", Operator.CO, text("example.com")), cmp("emails.value", Operator.CO, text("example.org")))))),
        Arguments.of(
            "emails[type eq \"work\" and value co \"@example.com\"]",
            valuePath("emails", and(eq("type", text("work")), cmp("value", Operator.CO, text("@example.com"))))),
        Arguments.of(
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            and(
                eq("userType", text("Employee")),
                valuePath("emails", and(eq("type", text("work")), cmp("value", Operator.CO, text("@example.com")))))),
        Arguments.of(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            or(
                valuePath("emails", and(eq("type", text("work")), cmp("value", Operator.CO, text("@example.com")))),
                valuePath("ims", and(eq("type", text("xmpp")), cmp("value", Operator.CO, text("@foo.com")))))),
        Arguments.of("emails[not (primary pr)]", valuePath("emails", not(pr("primary")))),
        Arguments.of("members[value eq \"x\"]", valuePath("members", eq("value", text("x")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void parsesRfcGrammarWithPrecedenceAndCaseInsensitiveKeywords(String text, ScimFilter expected) {
    assertThat(ScimFilter.parse(text)).isEqualTo(expected);
  }

  @Test
  void keepsAttributeSpellingAndSchemaOfThePath() {
    Compare compare = (Compare) ScimFilter.parse(ENTERPRISE + ":employeeNumber eq \"1\"");

    assertThat(compare.path().schemaUri()).isEqualTo(ENTERPRISE);
    assertThat(compare.path().attribute()).isEqualTo("employeeNumber");
    assertThat(compare.value()).isInstanceOf(TextNode.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "userName                      | 9  | expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr), but the filter ended",
        "userName eq                   | 12 | expected a value: a quoted string, a number, true, false or null, but the filter ended",
        "userName xx \"a\"             | 10 | expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr), found 'xx'",
        "userName eq bjensen           | 13 | expected a value: a quoted string, a number, true, false or null, found 'bjensen'",
        "userName eq \"abc             | 13 | the string starting here is not closed",
        "(userName eq \"a\"            | 17 | expected ')' to close the '(' at position 1, but the filter ended",
        "userName eq \"a\")            | 16 | expected 'and', 'or' or the end of the filter, found ')'",
        "userName eq \"a\" and         | 20 | expected an attribute name, 'not' or '(', but the filter ended",
        "userName eq \"a\" nor b pr    | 17 | expected 'and', 'or' or the end of the filter, found 'nor'",
        "not userName eq \"a\"         | 5  | expected '(' after 'not', found 'userName'",
        "emails[type eq \"work\"       | 22 | expected 'and', 'or' or ']' to close the value filter",
        "emails[type[value eq \"x\"]]  | 12 | value filters '[...]' cannot be nested",
        "emails.value[type eq \"x\"]   | 13 | follows an attribute, not a sub-attribute",
        "emails[name.x eq \"x\"]       | 8  | inside '[...]' name a sub-attribute by its simple name",
        "1abc eq \"x\"                 | 1  | '1abc' is not a valid number",
        "loginCount eq 1.              | 15 | '1.' is not a valid number",
        "userName eq \"\\q\"           | 14 | invalid escape '\\q' in string",
        "userName eq \"\\u00G1\"       | 14 | a \\u escape needs four hexadecimal digits",
        "active gt true                | 11 | 'gt' cannot compare booleans or null",
        "title lt null                 | 10 | 'lt' cannot compare booleans or null",
        "userName co 5                 | 13 | 'co' needs a quoted string value",
        "userName eq \"x\" & title pr  | 17 | unexpected character '&'",
        "foo:bar eq \"x\"              | 1  | expected an attribute path, found 'foo:bar'",
        "name.given.family eq \"x\"    | 1  | expected an attribute path",
        "eq \"x\"                      | 4  | expected an operator",
        "()                            | 2  | expected an attribute name, 'not' or '(', found ')'",
        "userName eq \"a\" and or b pr | 21 | expected an attribute name, 'not' or '(', found 'or'",
      })
  void rejectsMalformedFiltersSayingWhereAndWhatWasExpected(String text, int position, String expected) {
    assertThatThrownBy(() -> ScimFilter.parse(text.strip()))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo("invalidFilter");
              assertThat(e.getMessage()).startsWith("Invalid filter at position " + position + ": ");
              assertThat(e.getMessage()).contains(expected);
              assertThat(e.getStackTrace()).isEmpty();
            });
  }

  @Test
  void rejectsEmptyAndBlankFilters() {
    for (String text : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> ScimFilter.parse(text))
          .isInstanceOf(ScimException.class)
          .hasMessage("The filter is empty");
    }
  }

  @Test
  void rejectsFiltersLongerThanTenThousandCharacters() {
    String tooLong = "userName eq \"" + "x".repeat(10_000) + "\"";

    assertThatThrownBy(() -> ScimFilter.parse(tooLong))
        .isInstanceOf(ScimException.class)
        .hasMessageContaining("longer than the limit of 10000 characters");
  }

  @Test
  void acceptsFiftyLevelsOfParenthesesAndRejectsFiftyOne() {
    assertThat(ScimFilter.parse("(".repeat(50) + "a pr" + ")".repeat(50))).isEqualTo(pr("a"));

    assertThatThrownBy(() -> ScimFilter.parse("(".repeat(51) + "a pr" + ")".repeat(51)))
        .isInstanceOf(ScimException.class)
        .hasMessage("Invalid filter at position 51: the filter nests deeper than 50 levels, found '('");
    assertThatThrownBy(() -> ScimFilter.parse("not (".repeat(1_000)))
        .isInstanceOf(ScimException.class)
        .hasMessageContaining("nests deeper than 50 levels");
  }

  @Test
  void longFlatChainWithinTheLengthLimitParsesAndEvaluatesWithoutDeepRecursionFailures() {
    String chain = String.join(" and ", java.util.Collections.nCopies(1_100, "a pr"));

    ScimFilter filter = ScimFilter.parse(chain);

    assertThat(filter.matches(ScimJson.json("{'a': 'x'}"))).isTrue();
    assertThat(ScimFilterSql.toSql(filter, path -> ScimColumn.of("p.a", ScimColumn.Kind.STRING)).sql())
        .startsWith("((p.a IS NOT NULL AND p.a <> '') AND ");
  }

  @Test
  void notFollowedByAnOperatorIsAnAttributeNamedNot() {
    assertThat(ScimFilter.parse("not pr")).isEqualTo(pr("not"));
  }

  static Compare eq(String path, JsonNode value) {
    return cmp(path, Operator.EQ, value);
  }

  static Compare cmp(String path, Operator op, JsonNode value) {
    return new Compare(AttributePath.parse(path), op, value);
  }

  static Present pr(String path) {
    return new Present(AttributePath.parse(path));
  }

  static And and(ScimFilter left, ScimFilter right) {
    return new And(left, right);
  }

  static Or or(ScimFilter left, ScimFilter right) {
    return new Or(left, right);
  }

  static Not not(ScimFilter inner) {
    return new Not(inner);
  }

  static ValuePath valuePath(String path, ScimFilter inner) {
    return new ValuePath(AttributePath.parse(path), inner);
  }

  static TextNode text(String value) {
    return TextNode.valueOf(value);
  }
}
