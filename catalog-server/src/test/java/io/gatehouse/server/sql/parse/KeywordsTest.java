package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.junit.jupiter.api.Test;

class KeywordsTest {

  @Test
  void everyKeywordIsEitherANameOrReservedAndTheReservedListMatchesTheGrammar() {
    Vocabulary vocabulary = DatabricksSqlLexer.VOCABULARY;
    ATN atn = DatabricksSqlParser._ATN;
    IntervalSet nonReserved = atn.nextTokens(atn.ruleToStartState[DatabricksSqlParser.RULE_nonReserved]);
    Set<String> reserved = new HashSet<>();
    for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && Character.isLetter(literal.charAt(1)) && !nonReserved.contains(type)) {
        reserved.add(literal.substring(1, literal.length() - 1));
      }
    }
    assertThat(reserved).isEqualTo(Keywords.RESERVED);
  }

  @Test
  void reservedWordsMustBeBackquotedToBeNames() {
    for (String word : Keywords.RESERVED) {
      assertThat(Sql.error("DROP TABLE " + word.toLowerCase(Locale.ROOT)).reason()).startsWith("expected");
      assertThat(Sql.one("DROP TABLE `" + word + "`", Statement.Drop.class).name().last()).isEqualTo(word);
    }
  }
}
