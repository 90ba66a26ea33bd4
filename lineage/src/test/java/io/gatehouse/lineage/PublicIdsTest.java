package io.gatehouse.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PublicIdsTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] OTHER_KEY = new byte[32];

  static {
    OTHER_KEY[0] = 1;
  }

  @Test
  void aShownIdIsStableReversibleAndNotTheNameBasedId() {
    PublicIds ids = new PublicIds(KEY);
    UUID stored = LineageIds.datasetId("file", "/lake/raw/orders");
    UUID shown = ids.hide(stored);
    assertThat(shown).isNotEqualTo(stored).isEqualTo(ids.hide(stored));
    assertThat(ids.reveal(shown)).isEqualTo(stored);
    assertThat(new PublicIds(OTHER_KEY).hide(stored)).isNotEqualTo(shown);
  }

  @Test
  void distinctIdsStayDistinct() {
    PublicIds ids = new PublicIds(KEY);
    Set<UUID> shown = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      shown.add(ids.hide(LineageIds.jobId("ns", "job" + i)));
    }
    assertThat(shown).hasSize(10_000);
  }

  @Test
  void aSealedTokenOpensOnlyWithItsKeyAndUnchanged() {
    PublicIds ids = new PublicIds(KEY);
    String sealed = ids.seal("3:D:" + UUID.randomUUID());
    assertThat(ids.open(sealed)).isPresent();
    assertThat(sealed).doesNotContain(":D:");
    assertThat(new PublicIds(OTHER_KEY).open(sealed)).isEmpty();
    char last = sealed.charAt(sealed.length() - 2);
    String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
    assertThat(ids.open(tampered)).isEmpty();
    assertThat(ids.open("garbage!")).isEmpty();
    assertThat(ids.open("")).isEmpty();
  }

  @Test
  void theInstallationKeyIsCreatedOnceAndReadByEveryone() {
    DataSource ds = TestDatabase.dataSource();
    String name = "test-" + UUID.randomUUID();
    byte[] first = LineageKeys.loadOrCreate(ds, name);
    assertThat(first).hasSize(32);
    assertThat(LineageKeys.loadOrCreate(ds, name)).isEqualTo(first);
    assertThat(LineageKeys.loadOrCreate(ds, "test-" + UUID.randomUUID())).isNotEqualTo(first);
  }
}
