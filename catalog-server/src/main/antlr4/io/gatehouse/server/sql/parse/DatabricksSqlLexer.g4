/*
 * Tokens of the Databricks SQL subset that Gatehouse's SQL endpoint accepts (see docs/sql.md).
 * Keywords are case-insensitive. Every keyword is also listed in DatabricksSqlParser's
 * nonReserved rule unless it must be backquoted to be used as a name.
 */
lexer grammar DatabricksSqlLexer;

options { caseInsensitive = true; }

@members {
  /** A number with a dot must not run into a name: in `main.2024_sales` the `.2024` is no number. */
  private boolean notFollowedByWordCharacter() {
    int next = _input.LA(1);
    return !(next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z'
        || next >= '0' && next <= '9' || next == '_');
  }
}

SEMICOLON: ';';
LEFT_PAREN: '(';
RIGHT_PAREN: ')';
COMMA: ',';
DOT: '.';
COLON: ':';
EQ: '=' | '==';
NULL_SAFE_EQ: '<=>';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT_PIPE: '||';

// Keywords, alphabetically.
ADD: 'ADD';
ALTER: 'ALTER';
AND: 'AND';
ARRAY: 'ARRAY';
AS: 'AS';
BETWEEN: 'BETWEEN';
BIGINT: 'BIGINT';
BINARY: 'BINARY';
BOOLEAN: 'BOOLEAN';
BY: 'BY';
BYTE: 'BYTE';
CASCADE: 'CASCADE';
CASE: 'CASE';
CAST: 'CAST';
CATALOG: 'CATALOG';
CATALOGS: 'CATALOGS';
CHAR: 'CHAR';
CHARACTER: 'CHARACTER';
COLUMN: 'COLUMN';
COLUMNS: 'COLUMNS';
COMMENT: 'COMMENT';
CREATE: 'CREATE';
CREDENTIAL: 'CREDENTIAL';
DATABASE: 'DATABASE';
DATABASES: 'DATABASES';
DATE: 'DATE';
DAY: 'DAY';
DBPROPERTIES: 'DBPROPERTIES';
DEC: 'DEC';
DECIMAL: 'DECIMAL';
DENY: 'DENY';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DETERMINISTIC: 'DETERMINISTIC';
DOUBLE: 'DOUBLE';
DROP: 'DROP';
ELSE: 'ELSE';
END: 'END';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXTENDED: 'EXTENDED';
EXTERNAL: 'EXTERNAL';
FALSE: 'FALSE';
FILTER: 'FILTER';
FLOAT: 'FLOAT';
FOR: 'FOR';
FROM: 'FROM';
FUNCTION: 'FUNCTION';
FUNCTIONS: 'FUNCTIONS';
GRANT: 'GRANT';
GRANTS: 'GRANTS';
HOUR: 'HOUR';
IF: 'IF';
IN: 'IN';
INT: 'INT';
INTEGER: 'INTEGER';
INTERVAL: 'INTERVAL';
IS: 'IS';
LANGUAGE: 'LANGUAGE';
LIKE: 'LIKE';
LOCATION: 'LOCATION';
LONG: 'LONG';
MANAGED: 'MANAGED';
MAP: 'MAP';
MASK: 'MASK';
MATCH: 'MATCH';
METASTORE: 'METASTORE';
MINUTE: 'MINUTE';
MODEL: 'MODEL';
MONTH: 'MONTH';
NOT: 'NOT';
NULL: 'NULL';
NUMERIC: 'NUMERIC';
ON: 'ON';
OR: 'OR';
OWNER: 'OWNER';
PARTITIONED: 'PARTITIONED';
POLICIES: 'POLICIES';
POLICY: 'POLICY';
PROPERTIES: 'PROPERTIES';
REAL: 'REAL';
RENAME: 'RENAME';
REPLACE: 'REPLACE';
RESTRICT: 'RESTRICT';
RETURN: 'RETURN';
RETURNS: 'RETURNS';
REVOKE: 'REVOKE';
ROW: 'ROW';
SCHEMA: 'SCHEMA';
SCHEMAS: 'SCHEMAS';
SECOND: 'SECOND';
SET: 'SET';
SHORT: 'SHORT';
SHOW: 'SHOW';
SMALLINT: 'SMALLINT';
STORAGE: 'STORAGE';
STRING: 'STRING';
STRUCT: 'STRUCT';
TABLE: 'TABLE';
TABLES: 'TABLES';
TAG: 'TAG';
TAGS: 'TAGS';
TBLPROPERTIES: 'TBLPROPERTIES';
THEN: 'THEN';
TIMESTAMP: 'TIMESTAMP';
TIMESTAMP_LTZ: 'TIMESTAMP_LTZ';
TIMESTAMP_NTZ: 'TIMESTAMP_NTZ';
TINYINT: 'TINYINT';
TO: 'TO';
TRUE: 'TRUE';
UNSET: 'UNSET';
USE: 'USE';
USING: 'USING';
VARCHAR: 'VARCHAR';
VARIANT: 'VARIANT';
VIEW: 'VIEW';
VIEWS: 'VIEWS';
VOID: 'VOID';
VOLUME: 'VOLUME';
VOLUMES: 'VOLUMES';
WHEN: 'WHEN';
WITH: 'WITH';
YEAR: 'YEAR';

// 'it''s' and 'it\'s' both hold a quote; an R prefix turns backslash escapes off.
STRING_LITERAL
    : '\'' ( ~['\\] | '\\' . | '\'\'' )* '\''
    | '"' ( ~["\\] | '\\' . | '""' )* '"'
    | 'R\'' ( ~['] | '\'\'' )* '\''
    | 'R"' ( ~["] | '""' )* '"'
    ;

// A literal or name that the input ends inside; the parser reports it where it starts.
UNTERMINATED_STRING
    : '\'' ( ~['\\] | '\\' . | '\'\'' )* '\\'? EOF
    | '"' ( ~["\\] | '\\' . | '""' )* '\\'? EOF
    | 'R\'' ( ~['] | '\'\'' )* EOF
    | 'R"' ( ~["] | '""' )* EOF
    ;

BACKQUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'
    ;

UNTERMINATED_IDENTIFIER
    : '`' ( ~'`' | '``' )* EOF
    ;

INTEGER_VALUE
    : DIGIT+
    ;

// Spark's suffixes: 1L bigint, 1S smallint, 1Y tinyint, 1.5D double, 1.5F float, 1.5BD decimal.
NUMBER_VALUE
    : DIGIT+ [LSY]
    | DIGIT+ EXPONENT? ( 'D' | 'F' | 'BD' )
    | DIGIT+ EXPONENT
    | DECIMAL_DIGITS EXPONENT? ( 'D' | 'F' | 'BD' )? {notFollowedByWordCharacter()}?
    ;

// Names may start with a digit (2024_sales) but are not all digits: those are numbers.
IDENTIFIER
    : [A-Z0-9_]+
    ;

LINE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

// Block comments nest; one the input ends inside is reported by SqlParser.
BLOCK_COMMENT
    : '/*' ( BLOCK_COMMENT | . )*? ( '*/' | EOF ) -> channel(HIDDEN)
    ;

WHITESPACE
    : [ \t\r\n\f\u000B\u00A0\u2028\u2029\uFEFF]+ -> channel(HIDDEN)
    ;

// Anything else; the parser reports it as an unexpected character.
UNRECOGNIZED
    : .
    ;

fragment DECIMAL_DIGITS
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

fragment EXPONENT
    : 'E' [+-]? DIGIT+
    ;

fragment DIGIT
    : [0-9]
    ;
