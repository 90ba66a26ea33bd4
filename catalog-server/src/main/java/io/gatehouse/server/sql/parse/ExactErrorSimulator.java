package io.gatehouse.server.sql.parse;

import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ParserATNSimulator;

/**
 * ANTLR's prediction with one change for error messages. When no alternative can take a token,
 * ANTLR picks one that has already finished the rule and lets the caller fail at that token: in
 * {@code DROP TABLE IF EXIST t} it reads IF as the table's name and then expects only what may
 * follow a name. Here it does so only if the caller could take the token; otherwise prediction
 * fails on the spot and {@link FirstErrorStrategy} lists what every alternative expected
 * (EXISTS as well).
 */
final class ExactErrorSimulator extends ParserATNSimulator {
  private int failedTokenType;

  ExactErrorSimulator(Parser parser) {
    super(parser, parser.getATN(), parser.getInterpreter().decisionToDFA, parser.getInterpreter().getSharedContextCache());
  }

  @Override
  protected NoViableAltException noViableAlt(TokenStream input, ParserRuleContext outerContext, ATNConfigSet configs,
      int startIndex) {
    failedTokenType = input.LA(1);
    return super.noViableAlt(input, outerContext, configs, startIndex);
  }

  @Override
  protected int getSynValidOrSemInvalidAltThatFinishedDecisionEntryRule(ATNConfigSet configs,
      ParserRuleContext outerContext) {
    int alt = super.getSynValidOrSemInvalidAltThatFinishedDecisionEntryRule(configs, outerContext);
    if (alt == ATN.INVALID_ALT_NUMBER || outerContext == null) {
      return alt;
    }
    boolean callerTakesToken = atn.getExpectedTokens(atn.ruleToStopState[outerContext.getRuleIndex()].stateNumber,
        outerContext).contains(failedTokenType);
    return callerTakesToken ? alt : ATN.INVALID_ALT_NUMBER;
  }
}
