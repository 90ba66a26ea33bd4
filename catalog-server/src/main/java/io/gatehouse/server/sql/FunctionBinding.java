package io.gatehouse.server.sql;

import io.gatehouse.policy.PolicyExpression;
import io.gatehouse.server.authz.FunctionBinder;
import io.gatehouse.server.sql.parse.QualifiedName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Binds stored row filters and masks with this front end's grammar of function bodies. */
@ApplicationScoped
class FunctionBinding implements FunctionBinder {
  @Override
  public PolicyExpression rowFilter(String function, String definitionJson, String argumentsJson) {
    return FunctionBodies.bindRowFilter(function, definitionJson, FunctionBodies.arguments(argumentsJson));
  }

  @Override
  public PolicyExpression mask(String function, String definitionJson, String column, String usingColumnsJson) {
    List<String> arguments = new ArrayList<>();
    arguments.add(QualifiedName.quoteIfNeeded(column));
    arguments.addAll(FunctionBodies.arguments(usingColumnsJson));
    return FunctionBodies.bindMask(function, definitionJson, arguments);
  }
}
