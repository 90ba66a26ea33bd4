package io.gatehouse.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.CatalogsApi;
import io.unitycatalog.client.api.SchemasApi;
import io.unitycatalog.client.model.CatalogInfo;
import io.unitycatalog.client.model.CreateCatalog;
import io.unitycatalog.client.model.CreateSchema;
import io.unitycatalog.client.model.SchemaInfo;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Shared plumbing of the Unity Catalog client compatibility suite: an {@link ApiClient} aimed at
 * the running test server, fresh names, fixtures made through the client, and checks of the
 * client's error handling.
 */
final class UcCompat {
  static final String BASE_PATH = "/api/2.1/unity-catalog";
  /** The principal every request acts as until authentication is wired in. */
  static final String ADMIN = "admin";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final ObjectMapper JSON = new ObjectMapper();

  private UcCompat() {}

  /** The unmodified Unity Catalog client, pointed at the test server's Unity Catalog API. */
  static ApiClient client(URL serverUrl) {
    ApiClient client = new ApiClient();
    client.setScheme(serverUrl.getProtocol());
    client.setHost(serverUrl.getHost());
    client.setPort(serverUrl.getPort());
    client.setBasePath(BASE_PATH);
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + io.gatehouse.server.catalog.Api.ADMIN_TOKEN));
    return client;
  }

  /** A name no earlier test run has used, so tests share one database without clashing. */
  static String unique(String prefix) {
    return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
  }

  /** A storage URL no other table or volume of any run has claimed. */
  static String uniqueLocation(String what) {
    return "s3://gatehouse-compat/" + unique(what);
  }

  static CatalogInfo createCatalog(ApiClient client) throws ApiException {
    return new CatalogsApi(client).createCatalog(new CreateCatalog().name(unique("cat")));
  }

  /** A fresh catalog holding one fresh schema. */
  static SchemaInfo createSchema(ApiClient client) throws ApiException {
    CatalogInfo catalog = createCatalog(client);
    return new SchemasApi(client)
        .createSchema(new CreateSchema().name(unique("sch")).catalogName(catalog.getName()));
  }

  /** One page of a listing: its items and the token the server gave for the next page. */
  record Page<T>(List<T> items, String nextPageToken) {}

  /** A listing call of the client, given the page token to send (null for the first page). */
  @FunctionalInterface
  interface PageCall<T> {
    Page<T> fetch(String pageToken) throws ApiException;
  }

  /**
   * Follows next_page_token until the server stops sending one; returns the pages' items in order,
   * one list per page. Fails after 1000 pages, which no listing in these tests needs.
   */
  static <T> List<List<T>> allPages(PageCall<T> call) throws ApiException {
    List<List<T>> pages = new ArrayList<>();
    String token = null;
    do {
      Page<T> page = call.fetch(token);
      assertThat(page.items()).as("items of page %d", pages.size() + 1).isNotNull();
      pages.add(page.items());
      token = page.nextPageToken();
      assertThat(token).as("next_page_token is absent, not empty, on the last page").isNotEqualTo("");
      assertThat(pages).as("pages followed").hasSizeLessThan(1000);
    } while (token != null);
    return pages;
  }

  static <T, K> List<K> keys(List<List<T>> pages, Function<T, K> key) {
    return pages.stream().flatMap(List::stream).map(key).toList();
  }

  /**
   * Runs {@code call}, which must fail with the client's {@link ApiException} carrying {@code
   * status} and a Unity Catalog error body (JSON with error_code {@code errorCode} and a message).
   */
  static ApiException apiError(int status, String errorCode, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the client call fails with ApiException").isInstanceOf(ApiException.class);
    ApiException e = (ApiException) thrown;
    assertThat(e.getCode()).as("HTTP status of: %s", e.getMessage()).isEqualTo(status);
    assertThat(e.getResponseHeaders()).isNotNull();
    assertThat(e.getResponseHeaders().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body;
    try {
      body = JSON.readTree(e.getResponseBody());
    } catch (Exception parse) {
      throw new AssertionError("error body is not JSON: " + e.getResponseBody(), parse);
    }
    assertThat(body.isObject()).as("error body %s is an object", body).isTrue();
    assertThat(body.path("error_code").isTextual()).as("error_code in %s", body).isTrue();
    assertThat(body.path("error_code").asText()).as("error_code in %s", body).isEqualTo(errorCode);
    assertThat(body.path("message").isTextual()).as("message in %s", body).isTrue();
    assertThat(body.path("message").asText()).as("message in %s", body).isNotBlank();
    return e;
  }

  static void assertUuid(String id) {
    assertThat(id).isNotBlank();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id.toLowerCase());
  }

  /** created_at/by and updated_at/by of a securable made between {@code before} and {@code after}. */
  static void assertCreatedStamps(
      Long createdAt, String createdBy, Long updatedAt, String updatedBy, long before, long after) {
    assertThat(createdAt).as("created_at").isNotNull().isBetween(before, after);
    assertThat(createdBy).as("created_by").isEqualTo(ADMIN);
    assertThat(updatedAt).as("updated_at").isNotNull().isGreaterThanOrEqualTo(createdAt).isLessThanOrEqualTo(after);
    assertThat(updatedBy).as("updated_by").isEqualTo(ADMIN);
  }
}
