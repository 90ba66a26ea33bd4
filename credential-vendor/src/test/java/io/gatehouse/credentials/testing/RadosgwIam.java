package io.gatehouse.credentials.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * radosgw's IAM API, called with SigV4-signed form posts (the AWS SDK's IAM module is not among
 * the project's dependencies): what tests need to trust an OIDC issuer.
 */
public final class RadosgwIam {
  private final CephTestServer ceph;
  private final AwsCredentials credentials;
  private final HttpClient http = HttpClient.newHttpClient();

  public RadosgwIam(CephTestServer ceph, AwsCredentials credentials) {
    this.ceph = ceph;
    this.credentials = credentials;
  }

  /** Registers an OIDC provider; succeeds when it exists already. Returns radosgw's answer. */
  public String createOpenIdConnectProvider(String url, String thumbprint, String clientId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "CreateOpenIDConnectProvider");
    form.put("Url", url);
    form.put("ThumbprintList.member.1", thumbprint);
    form.put("ClientIDList.member.1", clientId);
    HttpResponse<String> response = post(form);
    if (response.statusCode() != 200 && !response.body().contains("EntityAlreadyExists")) {
      throw new IllegalStateException("CreateOpenIDConnectProvider answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public HttpResponse<String> post(Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    URI endpoint = ceph.endpoint.resolve("/");
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint)
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials)
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> request.header(name, v));
      }
    });
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
