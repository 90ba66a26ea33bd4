package io.gatehouse.server.iceberg;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.OnBehalfHeader;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogApi.CreateSchema;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.Listing;
import io.gatehouse.server.catalog.SchemaChildEntity;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StorageAdmission;
import io.gatehouse.server.catalog.StorageLocation;
import io.gatehouse.server.catalog.StorageLocations;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.common.ErrorBody;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi;
import io.gatehouse.server.credentials.CredentialsApi.AwsCredentials;
import io.gatehouse.server.credentials.CredentialsApi.TemporaryCredentials;
import io.gatehouse.server.credentials.TemporaryCredentialService;
import io.gatehouse.server.identity.CallerContext;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.credentials.Credential;
import org.apache.iceberg.rest.credentials.ImmutableCredential;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.CreateNamespaceResponse;
import org.apache.iceberg.rest.responses.GetNamespaceResponse;
import org.apache.iceberg.rest.responses.ListNamespacesResponse;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.apache.iceberg.rest.responses.UpdateNamespacePropertiesResponse;

/**
 * The Iceberg REST catalog over Gatehouse's catalog: a catalog is a warehouse (its name is the
 * path prefix), its schemas are the namespaces (one level), and an Iceberg table is a catalog
 * table with data_source_format ICEBERG whose current metadata file is kept in iceberg_tables.
 * Namespaces and drops go through the catalog's own services, so they are decided and audited as
 * on the Unity Catalog API; loads need SELECT and commits MODIFY. A commit writes a new metadata
 * file and moves the table to it by compare-and-swap in its transaction: the loser of a race
 * gets CommitFailedException (409) and the client retries on the new metadata.
 */
@ApplicationScoped
public class IcebergCatalog {
  static final String NO_SUCH_NAMESPACE = "NoSuchNamespaceException";
  static final String NO_SUCH_TABLE = "NoSuchTableException";
  static final String NAMESPACE_NOT_EMPTY = "NamespaceNotEmptyException";
  static final String COMMIT_FAILED = "CommitFailedException";
  static final String ALREADY_EXISTS = "AlreadyExistsException";
  /** What separates the levels of a namespace in a path (the spec's unit separator). */
  private static final char MULTI_LEVEL = '\u001f';

  private final Authorizer authorizer;
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final TemporaryCredentialService credentials;
  private final MetadataFiles files;
  private final IcebergConfig config;
  private final CallerContext caller;
  private final ReadRestrictions restrictions;
  private final StorageAdmission admission;
  private final StorageLocations locations;

  IcebergCatalog(Authorizer authorizer, CatalogService catalogs, SchemaService schemas, TableService tables,
      TemporaryCredentialService credentials, MetadataFiles files, IcebergConfig config, CallerContext caller,
      ReadRestrictions restrictions, StorageAdmission admission, StorageLocations locations) {
    this.admission = admission;
    this.locations = locations;
    this.config = config;
    this.caller = caller;
    this.restrictions = restrictions;
    this.authorizer = authorizer;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.credentials = credentials;
    this.files = files;
  }

  /** The warehouse: a catalog the caller may see. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CatalogEntity warehouse(String name) {
    return catalogs.get(Validation.name("warehouse", name));
  }

  // --- Namespaces ---------------------------------------------------------------------------

  @Transactional(Transactional.TxType.SUPPORTS)
  public ListNamespacesResponse listNamespaces(String catalog, String parent, String pageToken, String pageSize) {
    Validation.name("prefix", catalog);
    if (parent != null && !parent.isEmpty()) {
      // Namespaces have one level: a namespace has none inside it.
      namespace(catalog, parent);
      return ListNamespacesResponse.builder().build();
    }
    PageRequest page = PageRequest.parse("schemas", pageSize, blankToNull(pageToken));
    var slice = page.slice("schemas", schemas.list(catalog, page), s -> SchemaChildEntity.key(s.name));
    return ListNamespacesResponse.builder()
        .addAll(slice.items().stream().map(s -> Namespace.of(s.name)).toList())
        .nextPageToken(slice.nextPageToken())
        .build();
  }

  @Transactional
  public CreateNamespaceResponse createNamespace(String catalog, CreateNamespaceRequest request) {
    String name = single(request.namespace());
    Map<String, String> properties = new TreeMap<>(request.properties());
    SchemaEntity schema;
    try {
      schema = schemas.create(new CreateSchema(name, Validation.name("prefix", catalog), properties.remove("comment"),
          properties, null));
    } catch (GatehouseException e) {
      if (e.errorCode() == ErrorCode.SCHEMA_ALREADY_EXISTS) {
        throw error(ErrorCode.SCHEMA_ALREADY_EXISTS, "Namespace already exists: " + name, ALREADY_EXISTS);
      }
      throw e;
    }
    return CreateNamespaceResponse.builder().withNamespace(Namespace.of(schema.name)).setProperties(properties(schema)).build();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public GetNamespaceResponse loadNamespace(String catalog, String namespace) {
    SchemaEntity schema = namespaceNamed(namespace, () -> schemas.get(fullName(catalog, namespace)));
    return GetNamespaceResponse.builder().withNamespace(Namespace.of(schema.name)).setProperties(properties(schema)).build();
  }

  @Transactional
  public void dropNamespace(String catalog, String namespace) {
    String fullName = fullName(catalog, namespace);
    try {
      namespaceNamed(namespace, () -> {
        schemas.delete(fullName, false);
        return null;
      });
    } catch (GatehouseException e) {
      if (e.errorCode() == ErrorCode.FAILED_PRECONDITION) {
        throw error(ErrorCode.ALREADY_EXISTS, "Namespace '" + namespace + "' is not empty.", NAMESPACE_NOT_EMPTY);
      }
      throw e;
    }
  }

  @Transactional
  public UpdateNamespacePropertiesResponse updateNamespace(String catalog, String namespace,
      UpdateNamespacePropertiesRequest request) {
    String fullName = fullName(catalog, namespace);
    SchemaEntity schema = namespaceNamed(namespace, () -> schemas.get(fullName));
    Map<String, String> current = new TreeMap<>(StoredJson.read(schema.properties, Map.class));
    List<String> removed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String key : request.removals()) {
      if (current.remove(key) != null || "comment".equals(key) && schema.comment != null) {
        removed.add(key);
      } else {
        missing.add(key);
      }
    }
    Map<String, String> updates = new TreeMap<>(request.updates());
    String comment = updates.remove("comment");
    current.putAll(updates);
    schemas.update(fullName, new UpdateSchema(comment, current, null, null));
    return UpdateNamespacePropertiesResponse.builder()
        .addUpdated(request.updates().keySet())
        .addRemoved(removed)
        .addMissing(missing)
        .build();
  }

  // --- Tables -------------------------------------------------------------------------------

  /**
   * A page of the namespace's Iceberg tables. The catalog's listing holds its other tables too:
   * pages of it are read until this page is full, so a page is short only when it is the last.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ListTablesResponse listTables(String catalog, String namespace, String pageToken, String pageSize) {
    namespace(catalog, namespace);
    PageRequest page = PageRequest.parse("tables", pageSize, blankToNull(pageToken));
    List<TableIdentifier> found = new ArrayList<>();
    String next = null;
    PageRequest read = page;
    while (true) {
      Listing<TableEntity> listing = tables.list(catalog, namespace, read);
      var slice = read.slice("tables", listing.rows(), t -> SchemaChildEntity.key(t.name));
      for (TableEntity t : slice.items()) {
        if (found.size() == page.size()) {
          next = PageRequest.tokenAfter("tables", SchemaChildEntity.key(found.get(found.size() - 1).name()));
          break;
        }
        if ("ICEBERG".equals(t.dataSourceFormat)) {
          found.add(TableIdentifier.of(Namespace.of(t.schema.name), t.name));
        }
      }
      if (next != null || slice.nextPageToken() == null) {
        break;
      }
      read = PageRequest.parse("tables", Integer.toString(page.size()), slice.nextPageToken());
    }
    return ListTablesResponse.builder().addAll(found).nextPageToken(next).build();
  }

  /** Create, or stage a create (nothing is stored: the table comes into being with its first commit). */
  @Transactional
  public LoadTableResponse createTable(String catalog, String namespace, CreateTableRequest request, Access access) {
    SchemaEntity schema = namespace(catalog, namespace);
    String name = Validation.name("name", request.name());
    UUID id = UUID.randomUUID();
    String location = request.location() == null ? tables.managedLocation(schema, id)
        : StorageLocation.parse("location", request.location()).toString();
    TableMetadata metadata = iceberg(() -> TableMetadata.newTableMetadata(request.schema(),
        request.spec() == null ? PartitionSpec.unpartitioned() : request.spec(),
        request.writeOrder() == null ? SortOrder.unsorted() : request.writeOrder(),
        location, request.properties()));
    if (request.stageCreate()) {
      authorizer.require(Operation.CREATE_TABLE, Securables.of(schema));
      if (tables.findOrNull(schema, name) != null) {
        throw error(ErrorCode.TABLE_ALREADY_EXISTS, "Table already exists: " + namespace + "." + name, ALREADY_EXISTS);
      }
      LoadTableResponse.Builder answer = LoadTableResponse.builder().withTableMetadata(metadata);
      if (request.location() != null) {
        admitStagedLocation(schema, StorageLocation.parse("location", location));
      }
      if (access.vended()) {
        // The first files go to the staged location, which nothing else holds (the managed one
        // is new; an explicit one was admitted as a create there would be).
        Map<String, String> context = new LinkedHashMap<>();
        context.put("catalog", schema.catalog.name);
        context.put("schema", schema.name);
        context.put("table", name);
        TemporaryCredentials vended = credentials.forCatalogWrite(Operation.CREATE_TABLE, Securables.of(schema), location,
            context, access.bearer());
        Credential credential = ImmutableCredential.builder().prefix(location).config(clientConfig(vended, null)).build();
        answer.addCredential(credential).addAllConfig(credential.config());
      }
      return answer.build();
    }
    TableEntity table;
    try {
      table = tables.createIceberg(schema, id, name, IcebergColumns.of(metadata.schema(), metadata.spec()),
          request.location(), metadata.properties());
    } catch (GatehouseException e) {
      if (e.errorCode() == ErrorCode.TABLE_ALREADY_EXISTS) {
        throw error(ErrorCode.TABLE_ALREADY_EXISTS, "Table already exists: " + namespace + "." + name, ALREADY_EXISTS);
      }
      throw e;
    }
    TableMetadata written = writeFirst(table, metadata, Operation.CREATE_TABLE, access);
    return respond(LoadTableResponse.builder().withTableMetadata(written), table, access, catalog, namespace, name);
  }

  /**
   * A loaded table: iceberg-core's answer, the read restrictions in force for an engine acting on
   * behalf of a user (null for other callers), and the answer's entity tag. A null answer: the
   * client's copy (If-None-Match) is current.
   */
  public record Loaded(LoadTableResponse answer, Map<String, Object> readRestrictions, String etag) {}

  /**
   * Loads a table; with {@code refsOnly}, only the snapshots its branches and tags point at (the
   * client loads the rest when it needs them). Decided before anything else, so that a caller who
   * may not read the table never learns whether its copy is current.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Loaded loadTable(String catalog, String namespace, String name, boolean refsOnly, Access access,
      String ifNoneMatch) {
    TableEntity table = icebergTable(catalog, namespace, name);
    Target target = Securables.of(table);
    authorizer.requirePrivilege(Operation.LOAD_ICEBERG_TABLE, target, Privilege.SELECT);
    refuseFilteredTables(Operation.LOAD_ICEBERG_TABLE, table, target);
    TableMetadata current = current(table, Operation.LOAD_ICEBERG_TABLE, access);
    Map<String, Object> restricted = onBehalf() ? restrictions.of(target.securable(), current.schema()) : null;
    String etag = EntityTags.of(current.metadataFileLocation(), refsOnly, access.vended() && mayWrite(target), access.vended(),
        restricted == null ? null : ReadRestrictions.json(restricted));
    if (EntityTags.matches(ifNoneMatch, etag)) {
      return new Loaded(null, restricted, etag);
    }
    TableMetadata metadata = refsOnly
        ? TableMetadata.buildFrom(current).withMetadataLocation(current.metadataFileLocation()).suppressHistoricalSnapshots().build()
        : current;
    LoadTableResponse.Builder answer = LoadTableResponse.builder().withTableMetadata(metadata);
    if (restricted != null) {
      answer.addConfig(ReadRestrictions.CONFIG_KEY, ReadRestrictions.json(restricted));
    }
    return new Loaded(respond(answer, table, access, catalog, namespace, name), restricted, etag);
  }

  /** The table exists and the caller may see it (HEAD). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public void tableExists(String catalog, String namespace, String name) {
    TableEntity table = icebergTable(catalog, namespace, name);
    authorizer.require(Operation.GET_TABLE, Securables.of(table));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public void reportMetrics(String catalog, String namespace, String name) {
    TableEntity table = icebergTable(catalog, namespace, name);
    authorizer.require(Operation.REPORT_ICEBERG_METRICS, Securables.of(table));
  }

  @Transactional
  public LoadTableResponse commit(String catalog, String namespace, String name, UpdateTableRequest request, Access access) {
    SchemaEntity schema = namespace(catalog, namespace);
    Validation.name("table", name);
    boolean create = request.requirements().stream().anyMatch(r -> r instanceof UpdateRequirement.AssertTableDoesNotExist);
    if (create) {
      return createOnCommit(schema, name, request, access, catalog, namespace);
    }
    TableEntity table = icebergTable(catalog, namespace, name);
    Target target = Securables.of(table);
    authorizer.requirePrivilege(Operation.COMMIT_ICEBERG_TABLE, target, Privilege.MODIFY);
    // The answer carries the metadata and (asked) credentials, as a load's does.
    refuseFilteredTables(Operation.COMMIT_ICEBERG_TABLE, table, target);
    String baseLocation = metadataLocation(table);
    TableMetadata base = current(table, Operation.COMMIT_ICEBERG_TABLE, access);
    TableMetadata updated = iceberg(() -> {
      request.requirements().forEach(r -> r.validate(base));
      TableMetadata.Builder builder = TableMetadata.buildFrom(base);
      request.updates().forEach(u -> u.applyTo(builder));
      return builder.build();
    });
    if (updated.changes().isEmpty()) {
      return respond(LoadTableResponse.builder().withTableMetadata(base), table, access, catalog, namespace, name);
    }
    if (!updated.location().equals(base.location())) {
      throw GatehouseException.invalid("An Iceberg table's location cannot change (it stays '" + base.location() + "').");
    }
    String next = nextMetadataLocation(table, base);
    TableMetadata written = files.write(serverCredentials(table, Operation.COMMIT_ICEBERG_TABLE, access), next, updated);
    int moved = Panache.getEntityManager()
        .createNativeQuery("UPDATE iceberg_tables SET metadata_location = ?1, updated_at = now()"
            + " WHERE table_id = ?2 AND metadata_location = ?3")
        .setParameter(1, next).setParameter(2, table.id).setParameter(3, baseLocation)
        .executeUpdate();
    if (moved != 1) {
      throw error(ErrorCode.ABORTED, "Table '" + namespace + "." + name + "' was changed by another commit; retry on its"
          + " new metadata.", COMMIT_FAILED);
    }
    tables.setColumns(table, IcebergColumns.of(written.schema(), written.spec()), IcebergColumns.formerNames(base, written));
    return respond(LoadTableResponse.builder().withTableMetadata(written), table, access, catalog, namespace, name);
  }

  private LoadTableResponse createOnCommit(SchemaEntity schema, String name, UpdateTableRequest request, Access access,
      String catalog, String namespace) {
    if (!request.requirements().stream().allMatch(r -> r instanceof UpdateRequirement.AssertTableDoesNotExist)) {
      throw GatehouseException.invalid("A commit that creates a table (assert-create) may have no other requirement.");
    }
    // Decided before the name is looked up, so that whether a name is taken is told only to
    // callers who may create tables there.
    authorizer.require(Operation.CREATE_TABLE, Securables.of(schema));
    if (tables.findOrNull(schema, name) != null) {
      throw error(ErrorCode.ABORTED, "Requirement failed: table already exists: " + namespace + "." + name, COMMIT_FAILED);
    }
    TableMetadata metadata = iceberg(() -> {
      Integer format = request.updates().stream()
          .filter(u -> u instanceof MetadataUpdate.UpgradeFormatVersion)
          .map(u -> ((MetadataUpdate.UpgradeFormatVersion) u).formatVersion())
          .findFirst().orElse(null);
      TableMetadata.Builder builder = format == null ? TableMetadata.buildFromEmpty() : TableMetadata.buildFromEmpty(format);
      request.updates().forEach(u -> u.applyTo(builder));
      return builder.build();
    });
    if (metadata.location() == null) {
      throw GatehouseException.invalid("A commit that creates a table must set its location (set-location).");
    }
    UUID id = managedId(schema, metadata.location());
    TableEntity table = tables.createIceberg(schema, id == null ? UUID.randomUUID() : id, name,
        IcebergColumns.of(metadata.schema(), metadata.spec()), metadata.location(), metadata.properties());
    TableMetadata written = writeFirst(table, metadata, Operation.CREATE_TABLE, access);
    return respond(LoadTableResponse.builder().withTableMetadata(written), table, access, catalog, namespace, name);
  }

  /**
   * The checks of a create at {@code at} (TableService.createIceberg), made before the table
   * exists: CREATE EXTERNAL TABLE on its external location unless it is a managed location of
   * the schema, and no table or volume holding it, or a location around or inside it.
   */
  private void admitStagedLocation(SchemaEntity schema, StorageLocation at) {
    if (managedId(schema, at.toString()) == null) {
      admission.admit(Operation.CREATE_TABLE, at, StorageAdmission.Use.EXTERNAL_TABLE);
    }
    locations.requireFree(at);
  }

  /** The id a staged managed location was made for, or null when the location is not a managed one. */
  private UUID managedId(SchemaEntity schema, String location) {
    String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    try {
      UUID id = UUID.fromString(last);
      return tables.managedLocation(schema, id).equals(trimmed) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Transactional
  public void renameTable(String catalog, RenameTableRequest request) {
    TableIdentifier from = request.source();
    TableIdentifier to = request.destination();
    TableEntity table = icebergTable(catalog, single(from.namespace()), from.name());
    SchemaEntity target = namespace(catalog, single(to.namespace()));
    if (tables.findOrNull(target, Validation.name("destination.name", to.name())) != null) {
      throw error(ErrorCode.TABLE_ALREADY_EXISTS, "Table already exists: " + to, ALREADY_EXISTS);
    }
    tables.rename(table.fullName(), target, to.name());
  }

  @Transactional
  public void dropTable(String catalog, String namespace, String name, boolean purge, Access access) {
    TableEntity table = icebergTable(catalog, namespace, name);
    String location = table.storageLocation;
    AwsCredentials purgeWith = null;
    if (purge) {
      authorizer.require(Operation.DELETE_TABLE, Securables.of(table));
      purgeWith = serverCredentials(table, Operation.DELETE_TABLE, access);
    }
    tables.delete(table.fullName());
    if (purgeWith != null) {
      Panache.getEntityManager().flush();
      files.deleteUnder(purgeWith, location);
    }
  }

  /** Fresh credentials for the table's files: SELECT is decided again, and MODIFY makes them read-write. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Credential tableCredentials(String catalog, String namespace, String name, Access access) {
    TableEntity table = icebergTable(catalog, namespace, name);
    Target target = Securables.of(table);
    authorizer.requirePrivilege(Operation.LOAD_ICEBERG_CREDENTIALS, target, Privilege.SELECT);
    refuseFilteredTables(Operation.LOAD_ICEBERG_CREDENTIALS, table, target);
    return credential(table, access, catalog, namespace, name);
  }

  // --- Pieces -------------------------------------------------------------------------------

  /**
   * What the request brings for credentials: its bearer token, for passthrough (an OIDC JWT, or the
   * token of a SAML sign-in whose AWS sessions serve it, as on the Unity Catalog path), and whether
   * it asks for vended credentials.
   */
  public record Access(String bearer, boolean vended) {}

  private LoadTableResponse respond(LoadTableResponse.Builder answer, TableEntity table, Access access, String catalog,
      String namespace, String name) {
    if (access.vended() && table != null) {
      Credential credential = credential(table, access, catalog, namespace, name);
      answer.addCredential(credential);
      answer.addAllConfig(credential.config());
    }
    return answer.build();
  }

  private Credential credential(TableEntity table, Access access, String catalog, String namespace, String name) {
    Target target = Securables.of(table);
    boolean write = mayWrite(target);
    TemporaryCredentials vended = credentials.forTable(new CredentialsApi.GenerateTemporaryTableCredential(
        table.id.toString(), write ? CredentialsApi.TableOperation.READ_WRITE : CredentialsApi.TableOperation.READ, null),
        access.bearer(), onBehalf());
    return ImmutableCredential.builder().prefix(table.storageLocation)
        .config(clientConfig(vended, "v1/" + catalog + "/namespaces/" + namespace + "/tables/" + name + "/credentials"))
        .build();
  }

  /** What an Iceberg client's S3FileIO needs: the credentials, their expiry, where S3 is, where to refresh (if anywhere). */
  private Map<String, String> clientConfig(TemporaryCredentials vended, String refreshEndpoint) {
    Map<String, String> config = new LinkedHashMap<>();
    this.config.s3().endpoint().ifPresent(endpoint -> config.put("s3.endpoint", endpoint.toString()));
    config.put("s3.path-style-access", Boolean.toString(this.config.s3().pathStyleAccess()));
    config.put("client.region", this.config.s3().region());
    config.put("s3.access-key-id", vended.awsTempCredentials().accessKeyId());
    config.put("s3.secret-access-key", vended.awsTempCredentials().secretAccessKey());
    config.put("s3.session-token", vended.awsTempCredentials().sessionToken());
    if (vended.expirationTime() != null) {
      config.put("s3.session-token-expires-at-ms", Long.toString(vended.expirationTime()));
    }
    if (refreshEndpoint != null) {
      config.put("client.refresh-credentials-endpoint", refreshEndpoint);
    }
    return config;
  }

  private boolean mayWrite(Target target) {
    return AccessCheck.has(authorizer.snapshot(), authorizer.subject(), Privilege.MODIFY, target).allowed();
  }

  /** Whether an engine (of the engines group) makes this request on behalf of its principal. */
  private boolean onBehalf() {
    return caller.actingPrincipal() != null;
  }

  /**
   * An unmodified Iceberg client reads files as they are: a table with a row filter or a column
   * mask is refused rather than shown unfiltered, unless an engine asks on behalf of the user
   * ({@link OnBehalfHeader}): it gets the restrictions in force for that user and applies them.
   */
  private void refuseFilteredTables(Operation op, TableEntity table, Target target) {
    if (!onBehalf() && authorizer.snapshot().hasRowFilterOrMask(target.securable())) {
      String reason = "table " + table.fullName() + " has a row filter or column masks, which an Iceberg client reading"
          + " its files directly would not apply";
      authorizer.denied(op, target, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "The Iceberg REST catalog does not serve " + reason
          + "; read it through an engine that enforces them (an engine of the engines group sends "
          + OnBehalfHeader.HEADER + ").");
    }
  }

  private TableMetadata writeFirst(TableEntity table, TableMetadata metadata, Operation op, Access access) {
    String location = table.storageLocation + "/metadata/00000-" + UUID.randomUUID() + ".metadata.json";
    TableMetadata written = files.write(serverCredentials(table, op, access), location, metadata);
    Panache.getEntityManager()
        .createNativeQuery("INSERT INTO iceberg_tables (table_id, metadata_location, updated_at) VALUES (?1, ?2, now())")
        .setParameter(1, table.id).setParameter(2, location)
        .executeUpdate();
    return written;
  }

  private static String nextMetadataLocation(TableEntity table, TableMetadata base) {
    int version = base.previousFiles().size() + 1;
    return table.storageLocation + "/metadata/" + String.format("%05d", version) + "-" + UUID.randomUUID() + ".metadata.json";
  }

  private TableMetadata current(TableEntity table, Operation op, Access access) {
    String location = metadataLocation(table);
    TableMetadata known = files.cached(location);
    return known != null ? known : files.read(serverCredentials(table, op, access), location);
  }

  private String metadataLocation(TableEntity table) {
    List<?> rows = Panache.getEntityManager()
        .createNativeQuery("SELECT metadata_location FROM iceberg_tables WHERE table_id = ?1")
        .setParameter(1, table.id)
        .getResultList();
    if (rows.isEmpty()) {
      throw error(ErrorCode.NOT_FOUND, "Table '" + table.fullName() + "' has no Iceberg metadata.", NO_SUCH_TABLE);
    }
    return (String) rows.get(0);
  }

  private AwsCredentials serverCredentials(TableEntity table, Operation op, Access access) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("catalog", table.schema.catalog.name);
    context.put("schema", table.schema.name);
    context.put("table", table.name);
    return credentials.forCatalogWrite(op, Securables.of(table), table.storageLocation, context, access.bearer())
        .awsTempCredentials();
  }

  /** The namespace (a schema of the warehouse), without an authorization check; a 404 NoSuchNamespace when missing. */
  private SchemaEntity namespace(String catalog, String namespace) {
    Validation.name("prefix", catalog);
    return namespaceNamed(namespace, () -> tables.findSchema(catalog, Validation.name("namespace", namespace)));
  }

  /**
   * Runs {@code lookup} of {@code namespace}; its absence is told in iceberg-core's words. A
   * namespace of several levels (joined by the unit separator on the wire) does not exist here.
   */
  private static <T> T namespaceNamed(String namespace, java.util.function.Supplier<T> lookup) {
    if (namespace != null && namespace.indexOf(MULTI_LEVEL) >= 0) {
      throw error(ErrorCode.NOT_FOUND, "Namespace does not exist: " + namespace.replace(MULTI_LEVEL, '.'), NO_SUCH_NAMESPACE);
    }
    try {
      return lookup.get();
    } catch (GatehouseException e) {
      if (e.errorCode() == ErrorCode.NOT_FOUND && !e.getMessage().startsWith("Namespace does not exist")) {
        throw error(ErrorCode.NOT_FOUND, "Namespace does not exist: " + namespace, NO_SUCH_NAMESPACE);
      }
      throw e;
    }
  }

  /** An Iceberg table of the namespace, without an authorization check; a 404 NoSuchTable when there is none. */
  private TableEntity icebergTable(String catalog, String namespace, String name) {
    String shown = (namespace == null ? "" : namespace.replace(MULTI_LEVEL, '.')) + "." + name;
    SchemaEntity schema;
    try {
      schema = namespace(catalog, namespace);
    } catch (GatehouseException e) {
      // As iceberg-core answers: a table of a namespace that does not exist does not exist.
      if (e.errorCode() == ErrorCode.NOT_FOUND) {
        throw error(ErrorCode.NOT_FOUND, "Table does not exist: " + shown, NO_SUCH_TABLE);
      }
      throw e;
    }
    TableEntity table = tables.findOrNull(schema, Validation.name("table", name));
    if (table == null || !"ICEBERG".equals(table.dataSourceFormat)) {
      throw error(ErrorCode.NOT_FOUND, "Table does not exist: " + shown
          + (table == null ? "" : " (it is not an Iceberg table)"), NO_SUCH_TABLE);
    }
    return table;
  }

  private static String fullName(String catalog, String namespace) {
    namespaceNamed(namespace, () -> null);
    return Validation.name("prefix", catalog) + "." + Validation.name("namespace", namespace);
  }

  private static String single(Namespace namespace) {
    if (namespace == null || namespace.length() != 1) {
      throw GatehouseException.invalid("Gatehouse namespaces have exactly one level (got "
          + (namespace == null ? "none" : namespace.length()) + ").");
    }
    return Validation.name("namespace", namespace.level(0));
  }

  private static Map<String, String> properties(SchemaEntity schema) {
    @SuppressWarnings("unchecked")
    Map<String, String> properties = new TreeMap<>(StoredJson.read(schema.properties, Map.class));
    if (schema.comment != null) {
      properties.put("comment", schema.comment);
    }
    // iceberg-core's builders ask their maps about null keys, which a TreeMap refuses.
    return new LinkedHashMap<>(properties);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static GatehouseException error(ErrorCode code, String message, String icebergType) {
    return new GatehouseException(code, message, Map.of(ErrorBody.ICEBERG_TYPE, icebergType));
  }

  /** Runs iceberg-core's metadata code: its refusals are the client's mistakes (400) or a lost race (409). */
  private static <T> T iceberg(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (CommitFailedException e) {
      throw error(ErrorCode.ABORTED, e.getMessage(), COMMIT_FAILED);
    } catch (ValidationException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw GatehouseException.invalid(e.getMessage() == null ? "The metadata change is not valid." : e.getMessage());
    }
  }
}
