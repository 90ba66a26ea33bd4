package io.gatehouse.server.catalog;

import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.FunctionApi.CreateFunction;
import io.gatehouse.server.catalog.FunctionApi.CreateFunctionRequest;
import io.gatehouse.server.catalog.FunctionApi.FunctionParameterInfo;
import io.gatehouse.server.catalog.FunctionApi.FunctionParameterInfos;
import io.gatehouse.server.catalog.FunctionApi.UpdateFunction;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Functions: SQL or external-language routines, kept as catalog objects. */
@ApplicationScoped
@Transactional
public class FunctionService {
  static final String PAGE_KIND = "functions";
  static final int MAX_DEFINITION = 1_048_576;
  static final int MAX_PARAMETERS = 1024;

  private final CallerContext caller;
  private final SchemaService schemas;
  private final Authorizer authorizer;
  private final AuditTrail trail;
  private final SchemaChildren<FunctionEntity> children;

  FunctionService(CallerContext caller, SchemaService schemas, Authorizer authorizer,
      AuditTrail trail, PinnedSecurables pinned) {
    this.caller = caller;
    this.schemas = schemas;
    this.authorizer = authorizer;
    this.children = new SchemaChildren<>(FunctionEntity.class, "Function", ErrorCode.ALREADY_EXISTS, schemas, pinned);
    this.trail = trail;
  }

  public FunctionEntity create(CreateFunctionRequest request) {
    Validation.required("body", request);
    CreateFunction f = Validation.required("function_info", request.functionInfo());
    String name = Validation.name("function_info.name", f.name());
    Validation.required("function_info.data_type", f.dataType());
    Validation.required("function_info.full_data_type", f.fullDataType(), 65_536);
    Validation.required("function_info.routine_body", f.routineBody());
    Validation.required("function_info.routine_definition", f.routineDefinition(), MAX_DEFINITION);
    Validation.required("function_info.parameter_style", f.parameterStyle());
    Validation.required("function_info.security_type", f.securityType());
    Validation.text("function_info.specific_name", f.specificName(), Validation.MAX_NAME_LENGTH);
    Validation.text("function_info.external_language", f.externalLanguage(), 255);
    Validation.text("function_info.properties", f.properties(), Validation.MAX_PROPERTY_VALUE_LENGTH);
    checkParameters("function_info.input_params", f.inputParams());
    checkParameters("function_info.return_params", f.returnParams());

    FunctionEntity function = new FunctionEntity();
    function.stampCreated(caller.name());
    function.name = name;
    function.comment = Validation.comment("function_info.comment", f.comment());
    function.schema = schemas.find("function_info.catalog_name", f.catalogName(), "function_info.schema_name", f.schemaName());
    authorizer.require(Operation.CREATE_FUNCTION, Securables.of(function.schema));
    children.requireFreeName(function.schema, name);
    // The stored document carries the body only; names, comment and owner live in columns.
    function.definition =
        StoredJson.write(
            new CreateFunction(
                null, null, null,
                f.inputParams() == null ? new FunctionParameterInfos(java.util.List.of()) : f.inputParams(),
                f.dataType(), f.fullDataType(), f.returnParams(), f.routineBody(), f.routineDefinition(),
                f.routineDependencies(), f.parameterStyle(), f.isDeterministic(), f.sqlDataAccess(),
                f.isNullCall(), f.securityType(), f.specificName() == null ? name : f.specificName(),
                null, f.properties(), f.externalLanguage()));
    function.persistAndFlush();
    return function;
  }

  private static void checkParameters(String field, FunctionParameterInfos infos) {
    if (infos == null || infos.parameters() == null) {
      return;
    }
    if (infos.parameters().size() > MAX_PARAMETERS) {
      throw GatehouseException.invalid("Field '" + field + "' may hold at most " + MAX_PARAMETERS + " parameters.");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < infos.parameters().size(); i++) {
      FunctionParameterInfo p = infos.parameters().get(i);
      String at = field + ".parameters[" + i + "]";
      if (p == null) {
        throw GatehouseException.invalid("Field '" + at + "' must be an object.");
      }
      String name = Validation.required(at + ".name", p.name(), Validation.MAX_NAME_LENGTH);
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("Parameter '" + Validation.printable(name) + "' appears more than once.");
      }
      Validation.required(at + ".type_name", p.typeName());
      Validation.required(at + ".type_text", p.typeText(), Columns.MAX_TYPE_TEXT);
      Validation.text(at + ".type_json", p.typeJson(), Columns.MAX_TYPE_JSON);
      Validation.comment(at + ".comment", p.comment());
      Validation.text(at + ".parameter_default", p.parameterDefault(), 65_536);
      if (p.position() != null && p.position() < 0) {
        throw GatehouseException.invalid("Field '" + at + ".position' must not be negative.");
      }
    }
  }

  /** The function, for a caller that may see it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public FunctionEntity get(String fullName) {
    return get(fullName, false);
  }

  /** As {@link #get(String)}; with {@code includeBrowse}, BROWSE alone is enough (metadata only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public FunctionEntity get(String fullName, boolean includeBrowse) {
    return children.get(fullName, target -> authorizer.require(Operation.GET_FUNCTION, target, includeBrowse));
  }

  /** The function, without an authorization check: for operations that check their own rights. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  FunctionEntity find(String fullName) {
    return children.find(fullName);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<FunctionEntity> list(String catalogName, String schemaName, PageRequest page) {
    return list(catalogName, schemaName, page, false);
  }

  /** As {@link #list}; with {@code includeBrowse} also the children the caller may only BROWSE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<FunctionEntity> list(String catalogName, String schemaName, PageRequest page, boolean includeBrowse) {
    return children.list(catalogName, schemaName, page,
        schema -> authorizer.visibleChildren(Operation.LIST_FUNCTIONS, schema, includeBrowse));
  }

  public FunctionEntity update(String fullName, UpdateFunction request) {
    Validation.required("body", request);
    FunctionEntity function = find(fullName);
    authorizer.require(Operation.UPDATE_FUNCTION, Securables.of(function));
    Owners.transfer(function, request.owner(), () -> Securables.of(function), trail);
    function.stampUpdated(caller.name());
    function.flush();
    return function;
  }

  public void delete(String fullName) {
    FunctionEntity function = find(fullName);
    authorizer.require(Operation.DELETE_FUNCTION, Securables.of(function));
    function.delete();
  }
}
