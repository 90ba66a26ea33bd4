package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.QualifiedNameContext;
import java.util.Locale;

/** Names from the parse tree, refused where they have more parts than their kind allows. */
final class Names {

  private Names() {
  }

  static QualifiedName of(QualifiedNameContext ctx, SecurableKind kind) {
    QualifiedName name = new QualifiedName(Literals.parts(ctx));
    int max = kind.maxNameParts();
    if (name.size() > max) {
      String what = kind.keyword().toLowerCase(Locale.ROOT);
      String article = what.startsWith("e") ? "an " : "a ";
      String allowed = max == 1 ? "one part" : "at most " + max + " parts (" + shape(max) + ")";
      throw SyntaxErrors.at(ctx, article + what + " name has " + allowed + ", not " + name.size());
    }
    return name;
  }

  static QualifiedName function(QualifiedNameContext ctx) {
    return of(ctx, SecurableKind.FUNCTION);
  }

  /** A column as table.column, the table named by one to three parts. */
  static QualifiedName column(QualifiedNameContext ctx) {
    QualifiedName name = new QualifiedName(Literals.parts(ctx));
    if (name.size() < 2 || name.size() > 4) {
      throw SyntaxErrors.at(ctx, "a column is named with its table: [catalog.][schema.]table.column");
    }
    return name;
  }

  private static String shape(int parts) {
    return parts == 2 ? "catalog.schema" : "catalog.schema.name";
  }
}
