package io.gatehouse.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's switch (authentication, authorization and audit off) is refused under every
 * profile but {@code bench}; PackagedServerIT starts the packaged server with it and sees it stop.
 */
class BenchModeTest {
  @Test
  void switchIsRefusedUnderTheDefaultProdDevAndTestProfiles() {
    for (List<String> profiles : List.of(List.<String>of(), List.of("prod"), List.of("dev"), List.of("test"),
        List.of("prod", "staging"))) {
      assertThat(BenchMode.refusal(true, profiles)).as("%s", profiles)
          .contains(BenchMode.KEY).contains("refusing to start");
    }
  }

  @Test
  void switchIsHonouredOnlyUnderTheBenchProfile() {
    assertThat(BenchMode.refusal(true, List.of("bench"))).isNull();
  }

  @Test
  void serverWithoutTheSwitchStartsUnderAnyProfile() {
    assertThat(BenchMode.refusal(false, List.of("prod"))).isNull();
    assertThat(BenchMode.refusal(false, List.of())).isNull();
  }
}
