package io.gatehouse.server.sql.parse;

import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PredictionContext;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error with a {@link SqlSyntaxException} that lists everything the
 * grammar could have taken at the offending token. No recovery: a governance statement is run
 * as written or not at all.
 *
 * <p>ANTLR's own sets fall short in two places, which this class fills in. When an optional
 * part ends (a name's {@code .part}, a CASCADE), the parser moves on and fails later at the
 * same token; the set of the first point that could have ended is remembered and added. When a
 * prediction fails some tokens past its start, ANTLR gives the set at the start; the set is
 * instead computed from the configurations still alive just before the offending token (see
 * also {@link ExactErrorSimulator}).
 */
final class FirstErrorStrategy extends DefaultErrorStrategy {
  private int rememberedTokenIndex = -1;
  private int rememberedState;
  private ParserRuleContext rememberedContext;

  @Override
  public void sync(Parser parser) {
    ATN atn = parser.getInterpreter().atn;
    IntervalSet next = atn.nextTokens(atn.states.get(parser.getState()));
    if (next.contains(parser.getInputStream().LA(1))) {
      return;
    }
    if (next.contains(Token.EPSILON)) {
      remember(parser);
      return;
    }
    throw SyntaxErrors.unexpected(parser.getCurrentToken(), expectedHere(parser));
  }

  @Override
  public Token recoverInline(Parser parser) {
    throw SyntaxErrors.unexpected(parser.getCurrentToken(), expectedHere(parser));
  }

  @Override
  public void reportError(Parser parser, RecognitionException e) {
    if (e instanceof NoViableAltException noViableAlt) {
      throw SyntaxErrors.unexpected(noViableAlt.getOffendingToken(), expectedAfterPrediction(parser, noViableAlt));
    }
    Token offending = e.getOffendingToken() == null ? parser.getCurrentToken() : e.getOffendingToken();
    throw SyntaxErrors.unexpected(offending, expectedHere(parser));
  }

  @Override
  public void recover(Parser parser, RecognitionException e) {
    reportError(parser, e);
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    throw SyntaxErrors.unexpected(parser.getCurrentToken(), expectedHere(parser));
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    throw SyntaxErrors.unexpected(parser.getCurrentToken(), expectedHere(parser));
  }

  private void remember(Parser parser) {
    int index = parser.getInputStream().index();
    if (index != rememberedTokenIndex) {
      rememberedTokenIndex = index;
      rememberedState = parser.getState();
      rememberedContext = parser.getContext();
    }
  }

  private IntervalSet expectedHere(Parser parser) {
    IntervalSet expected = new IntervalSet(parser.getExpectedTokens());
    if (rememberedTokenIndex == parser.getInputStream().index()) {
      expected.addAll(parser.getATN().getExpectedTokens(rememberedState, rememberedContext));
    }
    return expected;
  }

  private IntervalSet expectedAfterPrediction(Parser parser, NoViableAltException e) {
    ATNConfigSet alive = e.getDeadEndConfigs();
    if (alive == null || e.getOffendingToken().getTokenIndex() == e.getStartToken().getTokenIndex()) {
      return expectedHere(parser);
    }
    ATN atn = parser.getATN();
    ParserRuleContext decisionContext = parser.getContext();
    IntervalSet afterDecisionRule = atn.getExpectedTokens(
        atn.ruleToStopState[decisionContext.getRuleIndex()].stateNumber, decisionContext);
    IntervalSet expected = new IntervalSet();
    Set<String> visited = new HashSet<>();
    for (ATNConfig config : alive) {
      if (config.getOuterContextDepth() > 0) {
        // Past the end of the rule along any caller's path: what the actual caller takes.
        expected.addAll(afterDecisionRule);
      } else {
        addNextTokens(atn, config.state, config.context, afterDecisionRule, expected, visited);
      }
    }
    return expected.isNil() ? expectedHere(parser) : expected;
  }

  // What may follow an ATN state, returning through the prediction's call stack; an empty stack
  // means the end of the rule the prediction started in.
  private static void addNextTokens(ATN atn, ATNState state, PredictionContext stack, IntervalSet afterDecisionRule,
      IntervalSet expected, Set<String> visited) {
    if (!visited.add(state.stateNumber + "/" + System.identityHashCode(stack))) {
      return;
    }
    IntervalSet next = atn.nextTokens(state);
    expected.addAll(next);
    expected.remove(Token.EPSILON);
    if (!next.contains(Token.EPSILON)) {
      return;
    }
    if (stack == null || stack.isEmpty()) {
      expected.addAll(afterDecisionRule);
      return;
    }
    for (int i = 0; i < stack.size(); i++) {
      int returnState = stack.getReturnState(i);
      if (returnState == PredictionContext.EMPTY_RETURN_STATE) {
        expected.addAll(afterDecisionRule);
      } else {
        addNextTokens(atn, atn.states.get(returnState), stack.getParent(i), afterDecisionRule, expected, visited);
      }
    }
  }
}
