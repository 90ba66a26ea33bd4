-- Server-side encryption of an external location's objects, in the Databricks shape
-- (encryption_details.sse_encryption_details): SSE-S3, or SSE-KMS with a customer-managed key,
-- which credentials vended inside the location may then use (kms:Decrypt, kms:GenerateDataKey).
ALTER TABLE external_locations
    ADD COLUMN sse_algorithm varchar(16),
    ADD COLUMN kms_key_arn   text,
    ADD CONSTRAINT external_locations_sse CHECK (
        (sse_algorithm IS NULL AND kms_key_arn IS NULL)
        OR (sse_algorithm = 'AWS_SSE_S3' AND kms_key_arn IS NULL)
        OR (sse_algorithm = 'AWS_SSE_KMS' AND kms_key_arn IS NOT NULL));
