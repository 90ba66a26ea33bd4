package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCopyFormatTest {
  @Test
  void valuesAreEscapedForCopyTextFormat() {
    assertThat(AuditLog.field(new StringBuilder(), null).toString()).isEqualTo("\\N");
    assertThat(AuditLog.field(new StringBuilder(), "a\tb\nc\\d\re").toString()).isEqualTo("a\\tb\\nc\\\\d\\re");
    assertThat(AuditLog.field(new StringBuilder(), "plain").toString()).isEqualTo("plain");
  }

  @Test
  void securableNamesAreATextArrayLiteralWithEveryElementQuoted() {
    assertThat(AuditLog.array(null)).isNull();
    assertThat(AuditLog.array(List.of())).isEqualTo("{}");
    assertThat(AuditLog.array(List.of("main.s.t", "NULL", "a,b"))).isEqualTo("{\"main.s.t\",\"NULL\",\"a,b\"}");
    assertThat(AuditLog.array(List.of("q\"x", "b\\s"))).isEqualTo("{\"q\\\"x\",\"b\\\\s\"}");
  }
}
