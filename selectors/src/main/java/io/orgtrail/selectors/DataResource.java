package io.orgtrail.selectors;

import java.util.List;
import java.util.Objects;

/**
 * A basic selector's data resources: {@code Type} such as {@code AWS::S3::Object}, and {@code Values}, ARNs or ARN
 * prefixes ({@code arn:aws:s3:::bucket/} for one bucket, {@code arn:aws:s3} for every bucket).
 */
public record DataResource(String type, List<String> values) {
  public static final String S3_OBJECT = "AWS::S3::Object";
  public static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
  public static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";

  public DataResource {
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values);
  }

  public static DataResource of(String type, String... values) {
    return new DataResource(type, List.of(values));
  }
}
