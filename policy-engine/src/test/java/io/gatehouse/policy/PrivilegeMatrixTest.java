package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The privilege matrix in docs/privileges.md is the one the engine enforces. */
class PrivilegeMatrixTest {
  private static final Path DOC = Path.of("../docs/privileges.md");
  private static final String BEGIN = "<!-- matrix:begin -->";
  private static final String END = "<!-- matrix:end -->";

  static String matrix() {
    StringBuilder md = new StringBuilder("| privilege |");
    for (SecurableType t : SecurableType.values()) {
      md.append(' ').append(t.apiName()).append(" |");
    }
    md.append("\n|---|");
    md.append("---|".repeat(SecurableType.values().length)).append('\n');
    for (Privilege p : Privilege.values()) {
      md.append("| ").append(p.sqlName()).append(" |");
      for (SecurableType t : SecurableType.values()) {
        md.append(p.grantableOn(t) ? " yes |" : " |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  @Test
  void documentedMatrixMatchesTheEngine() throws IOException {
    String doc = Files.readString(DOC);
    String documented = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END)).strip();
    assertThat(documented).isEqualTo(matrix().strip());
  }
}
