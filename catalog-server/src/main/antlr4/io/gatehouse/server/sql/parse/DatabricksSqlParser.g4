/*
 * The Databricks SQL subset of Gatehouse's SQL endpoint: governance statements and the
 * expressions of SQL functions (row filters, column masks). docs/sql.md describes it.
 *
 * Which securable kinds an ALTER or COMMENT action applies to, how many parts a name may have and
 * whether a clause is repeated is checked by StatementBuilder, which says so in its error; the
 * grammar stays LL(1) where it can so that an error lists what was expected at that very token.
 */
parser grammar DatabricksSqlParser;

options { tokenVocab = DatabricksSqlLexer; }

script
    : statement? (SEMICOLON statement?)* EOF
    ;

statement
    : GRANT privileges ON securable TO principal                                  #grant
    | REVOKE DENY? privileges ON securable FROM principal                         #revoke
    | DENY privileges ON securable TO principal                                   #deny
    | SHOW GRANTS principal? ON securable                                         #showGrants
    | SHOW GRANTS TO principal                                                    #showGrantsTo
    | ALTER objectKind qualifiedName alterAction                                  #alter
    | CREATE CATALOG ifNotExists? qualifiedName catalogClause*                   #createCatalog
    | CREATE (SCHEMA | DATABASE) ifNotExists? qualifiedName schemaClause*        #createSchema
    | CREATE TABLE ifNotExists? qualifiedName
        LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN
        tableClause*                                                              #createTable
    | CREATE EXTERNAL? VOLUME ifNotExists? qualifiedName volumeClause*           #createVolume
    | CREATE (OR REPLACE)? FUNCTION ifNotExists? qualifiedName
        LEFT_PAREN (functionParameter (COMMA functionParameter)*)? RIGHT_PAREN
        (RETURNS dataType)? functionCharacteristic* RETURN expression             #createFunction
    | CREATE (OR REPLACE)? POLICY identifier ON policyScope
        (COMMENT stringLiteral)? (policyBody | accessPolicyBody)                  #createPolicy
    | SET TAG ON tagTarget tagKey=tagWord (EQ tagValue=tagWord)?                  #setTagOn
    | UNSET TAG ON tagTarget tagKey=tagWord                                       #unsetTagOn
    | DROP POLICY identifier ON policyScope                                       #dropPolicy
    | SHOW POLICIES ON policyScope                                                #showPolicies
    | DROP dropKind ifExists? qualifiedName (CASCADE | RESTRICT)?                 #drop
    | COMMENT ON commentKind qualifiedName IS (stringLiteral | NULL)              #commentOn
    | SHOW CATALOGS showPattern?                                                  #showCatalogs
    | SHOW kind=(SCHEMAS | DATABASES | TABLES | VIEWS | VOLUMES | FUNCTIONS)
        ((IN | FROM) qualifiedName)? showPattern?                                 #showObjects
    | (DESCRIBE | DESC) describeTarget                                            #describe
    | USE (CATALOG | SCHEMA | DATABASE)? qualifiedName                            #use
    ;

privileges
    : privilege (COMMA privilege)*
    ;

// Any words up to ON or a comma: an unknown privilege is the executor's to refuse, by name.
privilege
    : identifier+
    ;

// As in Databricks, TABLE may be left out: a bare name is a table. A word that is no securable
// kind, followed by a name, is reported as an unknown kind rather than as a stray name.
securable
    : METASTORE
    | objectKind qualifiedName
    | unknownKind=identifier qualifiedName
    | qualifiedName
    ;

objectKind
    : CATALOG
    | SCHEMA
    | DATABASE
    | TABLE
    | VIEW
    | VOLUME
    | FUNCTION
    | MODEL
    | EXTERNAL LOCATION
    | STORAGE CREDENTIAL
    ;

principal
    : identifier
    | stringLiteral
    ;

alterAction
    : SET? OWNER TO principal                                                     #setOwner
    | RENAME TO qualifiedName                                                     #rename
    | SET (TBLPROPERTIES | DBPROPERTIES | PROPERTIES) propertyList                #setProperties
    | UNSET TBLPROPERTIES ifExists? propertyKeyList                               #unsetProperties
    | SET ROW FILTER qualifiedName ON functionArguments                           #setRowFilter
    | DROP ROW FILTER                                                             #dropRowFilter
    | SET TAGS tagList                                                            #setTags
    | UNSET TAGS tagKeyList                                                       #unsetTags
    | ALTER COLUMN? identifier columnAction                                       #alterColumn
    | ADD (COLUMN | COLUMNS) (LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN
        | columnDefinition)                                                       #addColumns
    | RENAME COLUMN identifier TO identifier                                      #renameColumn
    | DROP (COLUMN | COLUMNS) ifExists? (LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
        | identifier)                                                             #dropColumns
    ;

columnAction
    : SET MASK qualifiedName (USING COLUMNS functionArguments)?                   #setMask
    | DROP MASK                                                                   #dropMask
    | SET TAGS tagList                                                            #setColumnTags
    | UNSET TAGS tagKeyList                                                       #unsetColumnTags
    ;

catalogClause
    : MANAGED LOCATION stringLiteral                                              #catalogManagedLocation
    | COMMENT stringLiteral                                                       #catalogComment
    ;

schemaClause
    : MANAGED LOCATION stringLiteral                                              #schemaManagedLocation
    | COMMENT stringLiteral                                                       #schemaComment
    | WITH DBPROPERTIES propertyList                                              #schemaProperties
    ;

columnDefinition
    : identifier dataType columnOption*
    ;

columnOption
    : NOT NULL                                                                    #columnNotNull
    | COMMENT stringLiteral                                                       #columnComment
    | MASK qualifiedName (USING COLUMNS functionArguments)?                       #columnMask
    ;

tableClause
    : USING identifier                                                            #tableFormat
    | PARTITIONED BY LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN         #tablePartitioning
    | LOCATION stringLiteral                                                      #tableLocation
    | COMMENT stringLiteral                                                       #tableComment
    | TBLPROPERTIES propertyList                                                  #tableProperties
    | WITH ROW FILTER qualifiedName ON functionArguments                          #tableRowFilter
    ;

volumeClause
    : LOCATION stringLiteral                                                      #volumeLocation
    | COMMENT stringLiteral                                                       #volumeComment
    ;

functionParameter
    : identifier dataType (COMMENT stringLiteral)?
    ;

functionCharacteristic
    : COMMENT stringLiteral                                                       #functionComment
    | LANGUAGE identifier                                                         #functionLanguage
    | NOT? DETERMINISTIC                                                          #functionDeterminism
    ;

dropKind
    : CATALOG
    | SCHEMA
    | DATABASE
    | TABLE
    | VIEW
    | VOLUME
    | FUNCTION
    | MODEL
    ;

commentKind
    : CATALOG
    | SCHEMA
    | DATABASE
    | TABLE
    | VOLUME
    | COLUMN
    ;

describeTarget
    : POLICY identifier ON policyScope                                            #describePolicy
    | CATALOG EXTENDED? qualifiedName                                             #describeCatalog
    | (SCHEMA | DATABASE) EXTENDED? qualifiedName                                 #describeSchema
    | VOLUME qualifiedName                                                        #describeVolume
    | FUNCTION EXTENDED? qualifiedName                                            #describeFunction
    | TABLE? EXTENDED? qualifiedName                                              #describeTable
    ;

showPattern
    : LIKE? stringLiteral
    ;

// Attribute-based policies, as Databricks' CREATE POLICY has them (docs/tag-policies.md).
policyScope
    : kind=(CATALOG | SCHEMA | TABLE) qualifiedName
    ;

policyBody
    : (ROW FILTER | COLUMN MASK) function=qualifiedName
        TO to+=principal (COMMA to+=principal)*
        (EXCEPT except+=principal (COMMA except+=principal)*)?
        FOR TABLES
        (WHEN when=expression)?
        (MATCH COLUMNS matchColumn (COMMA matchColumn)*)?
        (ON COLUMN onColumn=identifier)?
        (USING COLUMNS functionArguments)?
    ;

// GRANT and DENY policies: privileges on every table (schema, volume) the WHEN condition matches.
// MATCH COLUMNS, ON COLUMN and USING COLUMNS are parsed only to be refused by name.
accessPolicyBody
    : verb=(GRANT | DENY) privileges
        TO to+=principal (COMMA to+=principal)*
        (EXCEPT except+=principal (COMMA except+=principal)*)?
        (FOR forKind=identifier)?
        (WHEN when=expression)?
        (MATCH COLUMNS matchColumn (COMMA matchColumn)*)?
        (ON COLUMN onColumn=identifier)?
        (USING COLUMNS functionArguments)?
    ;

matchColumn
    : expression (AS? alias=identifier)?
    ;

ifNotExists
    : IF NOT EXISTS
    ;

ifExists
    : IF EXISTS
    ;

propertyList
    : LEFT_PAREN property (COMMA property)* RIGHT_PAREN
    ;

property
    : propertyKey EQ propertyValue
    ;

propertyKey
    : stringLiteral
    | identifier (DOT identifier)*
    ;

propertyValue
    : stringLiteral
    | INTEGER_VALUE
    | NUMBER_VALUE
    | TRUE
    | FALSE
    ;

propertyKeyList
    : LEFT_PAREN propertyKey (COMMA propertyKey)* RIGHT_PAREN
    ;

tagList
    : LEFT_PAREN tag (COMMA tag)* RIGHT_PAREN
    ;

tag
    : key=stringLiteral (EQ value=stringLiteral)?
    ;

tagKeyList
    : LEFT_PAREN stringLiteral (COMMA stringLiteral)* RIGHT_PAREN
    ;

// Databricks' SET TAG ON / UNSET TAG ON: one tag on a securable or a column (table.column), its
// key and value written as names (`pii` = `ssn`) or strings.
tagTarget
    : COLUMN column=qualifiedName
    | objectKind qualifiedName
    ;

tagWord
    : identifier
    | stringLiteral
    ;

// The columns and constants a row filter or column mask function is called with.
functionArguments
    : LEFT_PAREN (functionArgument (COMMA functionArgument)*)? RIGHT_PAREN
    ;

functionArgument
    : identifier                                                                  #argumentColumn
    | MINUS? (INTEGER_VALUE | NUMBER_VALUE)                                       #argumentNumber
    | constant                                                                    #argumentConstant
    ;

dataType
    : ARRAY LT dataType GT                                                        #arrayType
    | MAP LT dataType COMMA dataType GT                                           #mapType
    | STRUCT (LT (structField (COMMA structField)*)? GT | NEQ)                    #structType
    | INTERVAL (from=intervalUnit (TO to=intervalUnit)?)?                         #intervalType
    | (CHAR | CHARACTER | VARCHAR) LEFT_PAREN INTEGER_VALUE RIGHT_PAREN            #charType
    | (DECIMAL | DEC | NUMERIC)
        (LEFT_PAREN precision=INTEGER_VALUE (COMMA scale=INTEGER_VALUE)? RIGHT_PAREN)?  #decimalType
    | name=(BOOLEAN | TINYINT | BYTE | SMALLINT | SHORT | INT | INTEGER | BIGINT | LONG
        | FLOAT | REAL | DOUBLE | DATE | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ
        | STRING | BINARY | VARIANT | VOID)                                       #primitiveType
    ;

structField
    : identifier COLON? dataType (NOT NULL)? (COMMENT stringLiteral)?
    ;

intervalUnit
    : YEAR
    | MONTH
    | DAY
    | HOUR
    | MINUTE
    | SECOND
    ;

expression
    : booleanExpression
    ;

// Earlier alternatives bind tighter: NOT, then AND, then OR.
booleanExpression
    : NOT booleanExpression                                                       #logicalNot
    | valueExpression predicate?                                                  #predicated
    | left=booleanExpression AND right=booleanExpression                          #logicalAnd
    | left=booleanExpression OR right=booleanExpression                           #logicalOr
    ;

predicate
    : NOT? BETWEEN lower=valueExpression AND upper=valueExpression                #between
    | NOT? IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN               #inList
    | NOT? LIKE pattern=valueExpression                                           #like
    | IS NOT? NULL                                                                #isNull
    ;

valueExpression
    : primaryExpression                                                           #primary
    | operator=(MINUS | PLUS) valueExpression                                     #unary
    | left=valueExpression operator=(ASTERISK | SLASH | PERCENT)
        right=valueExpression                                                     #binary
    | left=valueExpression operator=(PLUS | MINUS | CONCAT_PIPE)
        right=valueExpression                                                     #binary
    | left=valueExpression operator=(EQ | NULL_SAFE_EQ | NEQ | LT | LTE | GT | GTE)
        right=valueExpression                                                     #binary
    ;

primaryExpression
    : CASE whenClause+ (ELSE otherwise=expression)? END                           #searchedCase
    | CASE operand=expression whenClause+ (ELSE otherwise=expression)? END        #simpleCase
    | CAST LEFT_PAREN expression AS dataType RIGHT_PAREN                          #cast
    | type=(DATE | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ) stringLiteral       #typedLiteral
    | constant                                                                    #literal
    | qualifiedName (LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN)?   #reference
    | LEFT_PAREN expression RIGHT_PAREN                                           #parenthesized
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

constant
    : NULL                                                                        #nullLiteral
    | (TRUE | FALSE)                                                              #booleanLiteral
    | stringLiteral                                                               #stringConstant
    | (INTEGER_VALUE | NUMBER_VALUE)                                              #numericLiteral
    ;

// Adjacent literals are one: 'a' 'b' is 'ab'.
stringLiteral
    : STRING_LITERAL+
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

// Every keyword but the reserved ones, which must be backquoted to be used as names:
// AND, BETWEEN, CASE, CAST, ELSE, END, FALSE, FROM, IN, IS, LIKE, NOT, NULL, ON, OR, THEN, TO,
// TRUE, WHEN. SqlParserVocabularyTest checks that the two lists cover every keyword.
nonReserved
    : ADD | ALTER | ARRAY | AS | BIGINT | BINARY | BOOLEAN | BY | BYTE | CASCADE | CATALOG | CATALOGS
    | CHAR | CHARACTER | COLUMN | COLUMNS | COMMENT | CREATE | CREDENTIAL | DATABASE | DATABASES
    | DATE | DAY | DBPROPERTIES | DEC | DECIMAL | DENY | DESC | DESCRIBE | DETERMINISTIC | DOUBLE
    | DROP | EXCEPT | EXISTS | EXTENDED | EXTERNAL | FILTER | FLOAT | FOR | FUNCTION | FUNCTIONS | GRANT
    | GRANTS | HOUR | IF | INT | INTEGER | INTERVAL | LANGUAGE | LOCATION | LONG | MANAGED | MAP | MASK
    | MATCH | METASTORE | MINUTE | MODEL | MONTH | NUMERIC | OWNER | PARTITIONED | POLICIES | POLICY
    | PROPERTIES | REAL
    | RENAME | REPLACE | RESTRICT | RETURN | RETURNS | REVOKE | ROW | SCHEMA | SCHEMAS | SECOND
    | SET | SHORT | SHOW | SMALLINT | STORAGE | STRING | STRUCT | TABLE | TABLES | TAG | TAGS
    | TBLPROPERTIES | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ | TINYINT | UNSET | USE | USING
    | VARCHAR | VARIANT | VIEW | VIEWS | VOID | VOLUME | VOLUMES | WITH | YEAR
    ;
