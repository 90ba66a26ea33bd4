package io.gatehouse.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpFailuresTest {
  @Test
  void percentEscapesMustBeTwoHexDigits() {
    assertThat(HttpFailures.wellEncoded("/a%20b?x=%E2%82%AC")).isTrue();
    assertThat(HttpFailures.wellEncoded("/plain")).isTrue();
    assertThat(HttpFailures.wellEncoded("/a%2")).isFalse();
    assertThat(HttpFailures.wellEncoded("/a%zz")).isFalse();
    assertThat(HttpFailures.wellEncoded("/a?t=%")).isFalse();
  }
}
