package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCopyFormatTest {
  @Test
  void valuesAreEscapedForCopyTextFormat() {
    assertThat(AuditLog.field(new StringBuilder(), null).toString()).isEqualTo("\\N");
    assertThat(AuditLog.field(new StringBuilder(), "a\tb\nc\\d\re").toString()).isEqualTo("a\\tb\\nc\\\\d\\re");
    assertThat(AuditLog.field(new StringBuilder(), "plain").toString()).isEqualTo("plain");
  }
}
