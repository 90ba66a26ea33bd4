package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.sql.parse.Statement.CreateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataTypeParsingTest {

  private static DataType type(String sql) {
    return Sql.one("CREATE TABLE t (c " + sql + ")", CreateTable.class).columns().get(0).type();
  }

  @ParameterizedTest(name = "{0} is {1} ({2})")
  @CsvSource(delimiter = '|', value = {
      "BOOLEAN | boolean | BOOLEAN",
      "TINYINT | tinyint | BYTE",
      "BYTE | tinyint | BYTE",
      "SMALLINT | smallint | SHORT",
      "SHORT | smallint | SHORT",
      "INT | int | INT",
      "integer | int | INT",
      "BIGINT | bigint | LONG",
      "LONG | bigint | LONG",
      "FLOAT | float | FLOAT",
      "REAL | float | FLOAT",
      "DOUBLE | double | DOUBLE",
      "DATE | date | DATE",
      "TIMESTAMP | timestamp | TIMESTAMP",
      "TIMESTAMP_LTZ | timestamp | TIMESTAMP",
      "TIMESTAMP_NTZ | timestamp_ntz | TIMESTAMP_NTZ",
      "STRING | string | STRING",
      "BINARY | binary | BINARY",
      "VARIANT | variant | VARIANT",
      "VOID | void | NULL",
      "VARCHAR(20) | varchar(20) | STRING",
      "CHAR(3) | char(3) | CHAR",
      "CHARACTER(3) | char(3) | CHAR",
      "DECIMAL | decimal(10,0) | DECIMAL",
      "DEC(5) | decimal(5,0) | DECIMAL",
      "NUMERIC(38, 38) | decimal(38,38) | DECIMAL",
      "Decimal(10,2) | decimal(10,2) | DECIMAL",
      "INTERVAL | interval | INTERVAL",
      "INTERVAL YEAR | interval year | INTERVAL",
      "INTERVAL YEAR TO MONTH | interval year to month | INTERVAL",
      "INTERVAL DAY TO SECOND | interval day to second | INTERVAL",
      "INTERVAL HOUR TO MINUTE | interval hour to minute | INTERVAL",
      "ARRAY<STRING> | array<string> | ARRAY",
      "ARRAY<ARRAY<INT>> | array<array<int>> | ARRAY",
      "MAP<STRING, BIGINT> | map<string,bigint> | MAP",
      "MAP<STRING,ARRAY<MAP<INT,DATE>>> | map<string,array<map<int,date>>> | MAP",
      "STRUCT<a: INT, b STRING> | struct<a:int,b:string> | STRUCT",
      "STRUCT<> | struct<> | STRUCT",
      "STRUCT < > | struct<> | STRUCT",
      "STRUCT<Street: STRING NOT NULL COMMENT 'line 1', geo: STRUCT<lat: DOUBLE, lon: DOUBLE>> "
          + "| struct<Street:string,geo:struct<lat:double,lon:double>> | STRUCT",
      "STRUCT<`odd name`: INT> | struct<odd name:int> | STRUCT",
  })
  void typesHaveSparksTextAndUnityCatalogsTypeName(String written, String text, TypeName typeName) {
    DataType type = type(written);
    assertThat(type.text()).isEqualTo(text);
    assertThat(type.typeName()).isEqualTo(typeName);
  }

  @Test
  void decimalsCarryPrecisionAndScale() {
    DataType decimal = type("DECIMAL(12, 4)");
    assertThat(decimal.precision()).isEqualTo(12);
    assertThat(decimal.scale()).isEqualTo(4);
    assertThat(type("DECIMAL").precision()).isEqualTo(10);
    assertThat(type("INT").precision()).isZero();
  }

  @Test
  void structFieldsKeepNullabilityAndComments() {
    DataType.StructType struct = (DataType.StructType) type("STRUCT<a: INT NOT NULL COMMENT 'x', b STRING>");
    assertThat(struct.fields()).containsExactly(
        new DataType.StructField("a", new DataType.PrimitiveType(TypeName.INT, "int"), false, "x"),
        new DataType.StructField("b", new DataType.PrimitiveType(TypeName.STRING, "string"), true, null));
  }

  @Test
  void intervalsKeepTheirQualifier() {
    assertThat(((DataType.IntervalType) type("INTERVAL DAY TO SECOND")).qualifier()).isEqualTo("DAY TO SECOND");
    assertThat(((DataType.IntervalType) type("interval month")).qualifier()).isEqualTo("MONTH");
    assertThat(((DataType.IntervalType) type("INTERVAL")).qualifier()).isNull();
  }

  @Test
  void typesReadBackFromTheirSql() {
    for (String written : new String[] {"STRUCT<`a b`: ARRAY<INT> NOT NULL COMMENT 'it''s', `end`: MAP<INT,STRING>>",
        "DECIMAL(7,3)", "INTERVAL DAY TO HOUR", "VARCHAR(4)"}) {
      DataType type = type(written);
      assertThat(type(type.toSql())).isEqualTo(type);
    }
  }
}
