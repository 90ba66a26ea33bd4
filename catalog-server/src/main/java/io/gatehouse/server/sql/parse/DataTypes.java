package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.ArrayTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CharTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DataTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DecimalTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.IntervalTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.MapTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrimitiveTypeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.StructFieldContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.StructTypeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.Token;

/** Builds {@link DataType}s, with Spark's names and limits. */
final class DataTypes {
  static final int MAX_DECIMAL_PRECISION = 38;
  static final int DEFAULT_DECIMAL_PRECISION = 10;
  private static final List<String> INTERVAL_FIELDS = List.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

  private DataTypes() {
  }

  static DataType build(DataTypeContext ctx) {
    if (ctx instanceof ArrayTypeContext array) {
      return new DataType.ArrayType(build(array.dataType()));
    }
    if (ctx instanceof MapTypeContext map) {
      return new DataType.MapType(build(map.dataType(0)), build(map.dataType(1)));
    }
    if (ctx instanceof StructTypeContext struct) {
      List<DataType.StructField> fields = new ArrayList<>();
      for (StructFieldContext field : struct.structField()) {
        String comment = field.stringLiteral() == null ? null : Literals.string(field.stringLiteral());
        fields.add(new DataType.StructField(Literals.identifier(field.identifier()), build(field.dataType()),
            field.NOT() == null, comment));
      }
      return new DataType.StructType(fields);
    }
    if (ctx instanceof IntervalTypeContext interval) {
      return interval(interval);
    }
    if (ctx instanceof CharTypeContext chars) {
      int length = positive(chars.INTEGER_VALUE().getSymbol(), "length", Integer.MAX_VALUE);
      return new DataType.CharType(chars.CHAR() == null && chars.CHARACTER() == null, length);
    }
    if (ctx instanceof DecimalTypeContext decimal) {
      return decimal(decimal);
    }
    return primitive(((PrimitiveTypeContext) ctx).name);
  }

  private static DataType primitive(Token name) {
    return switch (name.getType()) {
      case DatabricksSqlLexer.BOOLEAN -> primitive(TypeName.BOOLEAN, "boolean");
      case DatabricksSqlLexer.TINYINT, DatabricksSqlLexer.BYTE -> primitive(TypeName.BYTE, "tinyint");
      case DatabricksSqlLexer.SMALLINT, DatabricksSqlLexer.SHORT -> primitive(TypeName.SHORT, "smallint");
      case DatabricksSqlLexer.INT, DatabricksSqlLexer.INTEGER -> primitive(TypeName.INT, "int");
      case DatabricksSqlLexer.BIGINT, DatabricksSqlLexer.LONG -> primitive(TypeName.LONG, "bigint");
      case DatabricksSqlLexer.FLOAT, DatabricksSqlLexer.REAL -> primitive(TypeName.FLOAT, "float");
      case DatabricksSqlLexer.DOUBLE -> primitive(TypeName.DOUBLE, "double");
      case DatabricksSqlLexer.DATE -> primitive(TypeName.DATE, "date");
      case DatabricksSqlLexer.TIMESTAMP, DatabricksSqlLexer.TIMESTAMP_LTZ -> primitive(TypeName.TIMESTAMP, "timestamp");
      case DatabricksSqlLexer.TIMESTAMP_NTZ -> primitive(TypeName.TIMESTAMP_NTZ, "timestamp_ntz");
      case DatabricksSqlLexer.STRING -> primitive(TypeName.STRING, "string");
      case DatabricksSqlLexer.BINARY -> primitive(TypeName.BINARY, "binary");
      case DatabricksSqlLexer.VARIANT -> primitive(TypeName.VARIANT, "variant");
      case DatabricksSqlLexer.VOID -> primitive(TypeName.NULL, "void");
      default -> throw new IllegalStateException("Not a type keyword: " + name.getText());
    };
  }

  private static DataType primitive(TypeName typeName, String text) {
    return new DataType.PrimitiveType(typeName, text);
  }

  private static DataType decimal(DecimalTypeContext ctx) {
    if (ctx.precision == null) {
      return new DataType.DecimalType(DEFAULT_DECIMAL_PRECISION, 0);
    }
    int precision = positive(ctx.precision, "precision", MAX_DECIMAL_PRECISION);
    if (ctx.scale == null) {
      return new DataType.DecimalType(precision, 0);
    }
    int scale = number(ctx.scale, "scale", precision);
    return new DataType.DecimalType(precision, scale);
  }

  private static DataType interval(IntervalTypeContext ctx) {
    if (ctx.from == null) {
      return new DataType.IntervalType(null, null);
    }
    String from = ctx.from.getText().toUpperCase(Locale.ROOT);
    if (ctx.to == null) {
      return new DataType.IntervalType(from, null);
    }
    String to = ctx.to.getText().toUpperCase(Locale.ROOT);
    int start = INTERVAL_FIELDS.indexOf(from);
    int end = INTERVAL_FIELDS.indexOf(to);
    boolean yearMonth = start <= 1;
    if (end <= start || yearMonth != end <= 1) {
      throw SyntaxErrors.at(ctx.to.start, "INTERVAL " + from + " TO " + to
          + " is not an interval type; use YEAR TO MONTH, or DAY, HOUR or MINUTE TO a later one of HOUR, MINUTE, SECOND");
    }
    return new DataType.IntervalType(from, to);
  }

  private static int positive(Token token, String what, int max) {
    int value = number(token, what, max);
    if (value < 1) {
      throw SyntaxErrors.at(token, what + " must be at least 1");
    }
    return value;
  }

  private static int number(Token token, String what, int max) {
    try {
      int value = Integer.parseInt(token.getText());
      if (value <= max) {
        return value;
      }
    } catch (NumberFormatException tooLarge) {
      // reported below
    }
    throw SyntaxErrors.at(token, what + " must be at most " + max);
  }
}
