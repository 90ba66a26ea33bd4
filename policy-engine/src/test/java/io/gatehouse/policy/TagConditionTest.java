package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TagConditionTest {
  private static final Map<String, String> TAGS = Map.of("pii", "ssn", "region", "EMEA");

  @Test
  void keysMatchInAnyCaseAndValuesOnlyExactly() {
    assertThat(TagCondition.parse("hasTag('PII')").matches(TAGS)).isTrue();
    assertThat(TagCondition.parse("has_tag_value('Pii', 'ssn')").matches(TAGS)).isTrue();
    assertThat(TagCondition.parse("hasTagValue('pii', 'SSN')").matches(TAGS)).isFalse();
    assertThat(TagCondition.parse("hasTagValue('pii', 'ssn ')").matches(TAGS)).isFalse();
  }

  @Test
  void notBindsTighterThanAndThanOr() {
    TagCondition c = TagCondition.parse("NOT hasTag('x') AND hasTag('pii') OR hasTag('y')");
    assertThat(c.sql()).isEqualTo("((NOT hasTag('x') AND hasTag('pii')) OR hasTag('y'))");
    assertThat(c.matches(TAGS)).isTrue();
    assertThat(TagCondition.parse("NOT (hasTag('x') OR hasTag('pii'))").matches(TAGS)).isFalse();
    assertThat(TagCondition.parse(c.sql()).sql()).isEqualTo(c.sql());
  }

  @Test
  void quotesInValuesRoundTrip() {
    TagCondition c = TagCondition.parse("hasTagValue('k', 'it''s')");
    assertThat(c.matches(Map.of("k", "it's"))).isTrue();
    assertThat(TagCondition.parse(c.sql()).matches(Map.of("k", "it's"))).isTrue();
  }

  @Test
  void anythingButTagCallsIsRefusedWithAReason() {
    for (String bad : new String[] {"", "current_user()", "hasTag('a') OR", "hasTag(a)", "hasTag('')", "hasTag('a'))",
        "hasTagValue('a')", "1 = 1", "hasTag('a'); DROP", "(".repeat(100) + "hasTag('a')" + ")".repeat(100)}) {
      assertThatThrownBy(() -> TagCondition.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("Exception");
    }
  }
}
