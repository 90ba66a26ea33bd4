package io.gatehouse.spark;

import software.amazon.awssdk.core.SelectedAuthScheme;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.identity.spi.Identity;

/**
 * Signs S3 payloads whole instead of in aws-chunked form, for stores that refuse the chunked form:
 * Ceph radosgw 16 answers XAmzContentSHA256Mismatch to the SDK's chunked signature of an empty PUT,
 * which is what S3A's directory markers and the file committer's temporary directories are. Set it
 * with {@code hadoop.fs.s3a.audit.execution.interceptors = io.gatehouse.spark.UnchunkedPayloads}.
 */
public final class UnchunkedPayloads implements ExecutionInterceptor {
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    unchunk(attributes);
  }

  private static <T extends Identity> void unchunk(ExecutionAttributes attributes) {
    @SuppressWarnings("unchecked")
    SelectedAuthScheme<T> scheme =
        (SelectedAuthScheme<T>) attributes.getAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME);
    if (scheme != null) {
      attributes.putAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME, new SelectedAuthScheme<>(
          scheme.identity(), scheme.signer(),
          scheme.authSchemeOption().toBuilder().putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
              .build()));
    }
  }
}
