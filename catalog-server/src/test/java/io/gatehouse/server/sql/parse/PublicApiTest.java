package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package's API is the AST, SqlParser and SqlSyntaxException; ANTLR stays inside. */
class PublicApiTest {
  private static final List<Class<?>> API = List.of(SqlParser.class, SqlSyntaxException.class, Statement.class,
      Expression.class, DataType.class, QualifiedName.class, SourceSpan.class, SecurableKind.class, TypeName.class,
      Tag.class, RowFilter.class, ColumnMask.class, ColumnDefinition.class, FunctionParameter.class);
  private static final List<Class<?>> INTERNAL = List.of(AlterStatements.class, Clauses.class, CreateStatements.class,
      DataTypes.class, ExactErrorSimulator.class, ExpressionBuilder.class, FirstErrorStrategy.class, Keywords.class,
      Literals.class, Names.class, NestingGuard.class, StatementBuilder.class, SyntaxErrors.class);

  @Test
  void noPublicSignatureMentionsAntlrOrTheGeneratedParser() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : withNested(API)) {
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers())) {
          check(leaks, method.toGenericString(), method.getGenericReturnType());
          for (Type parameter : method.getGenericParameterTypes()) {
            check(leaks, method.toGenericString(), parameter);
          }
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isPublic(field.getModifiers())) {
          check(leaks, field.toGenericString(), field.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void helpersArePackagePrivate() {
    for (Class<?> type : INTERNAL) {
      assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isFalse();
    }
  }

  @Test
  void statementsAreRecordsOfASealedInterface() {
    assertThat(Statement.class.isSealed()).isTrue();
    assertThat(Statement.class.getPermittedSubclasses()).hasSize(33).allMatch(Class::isRecord);
    assertThat(Expression.class.getPermittedSubclasses()).allMatch(Class::isRecord);
  }

  private static List<Class<?>> withNested(List<Class<?>> types) {
    List<Class<?>> all = new ArrayList<>();
    for (Class<?> type : types) {
      if (Modifier.isPublic(type.getModifiers())) {
        all.add(type);
        all.addAll(withNested(List.of(type.getDeclaredClasses())));
      }
    }
    return all;
  }

  private static void check(List<String> leaks, String where, Type type) {
    String name = type.getTypeName();
    if (name.contains("org.antlr") || name.contains("DatabricksSql")) {
      leaks.add(where);
    }
  }
}
