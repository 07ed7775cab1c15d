package io.orgtrail.agent.source.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Realistic CloudTrail records of an account: fifteen calls across EC2, IAM, S3, STS, KMS, console sign-in,
 * Lambda, DynamoDB and CloudTrail itself, made by users, assumed roles and root, about one in ten failing with the
 * error the call really fails with. Each record is about 1 KB, shaped like the recorded events in the datasets.
 */
final class GeneratedRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private static final double ERROR_SHARE = 0.10;
  private static final List<String> EVENT_VERSIONS = List.of("1.08", "1.09", "1.10", "1.11");
  private static final List<String> SDK_AGENTS = List.of(
      "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/",
      "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
      "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.151.1",
      "aws-sdk-java/2.25.16 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/standard",
      "console.amazonaws.com");
  private static final List<String> TLS = List.of("TLSv1.2", "TLSv1.3");

  private final List<Template> templates = List.of(
      new Template("ec2.amazonaws.com", "DescribeInstances", true, "AwsApiCall", null,
          errors("Client.UnauthorizedOperation", "You are not authorized to perform this operation."),
          d -> {
            ObjectNode p = N.objectNode();
            p.putObject("instancesSet");
            p.putObject("filterSet").putArray("items").addObject().put("name", "instance-state-name")
                .putObject("valueSet").putArray("items").addObject().put("value", "running");
            return p;
          },
          d -> null),
      new Template("ec2.amazonaws.com", "RunInstances", false, "AwsApiCall", null,
          errors("Client.InstanceLimitExceeded", "You have requested more instances (21) than your current instance limit of 20 allows for the specified instance type."),
          d -> {
            ObjectNode p = N.objectNode();
            p.putObject("instancesSet").putArray("items").addObject()
                .put("imageId", "ami-0" + d.hex(16)).put("minCount", 1).put("maxCount", 1);
            p.put("instanceType", d.pick(List.of("t3.micro", "m6i.large", "c7g.xlarge")))
                .put("subnetId", "subnet-0" + d.hex(16)).put("disableApiTermination", false);
            return p;
          },
          d -> {
            ObjectNode r = N.objectNode().put("requestId", d.uuid()).put("reservationId", "r-0" + d.hex(16))
                .put("ownerId", d.account);
            r.putObject("instancesSet").putArray("items").addObject().put("instanceId", d.instanceId())
                .put("imageId", "ami-0" + d.hex(16)).put("privateIpAddress", d.privateIp())
                .putObject("instanceState").put("code", 0).put("name", "pending");
            return r;
          }),
      new Template("ec2.amazonaws.com", "StopInstances", false, "AwsApiCall", null,
          errors("Client.IncorrectInstanceState", "This instance is not in a state from which it can be stopped."),
          d -> {
            ObjectNode p = N.objectNode();
            p.putObject("instancesSet").putArray("items").addObject().put("instanceId", d.instanceId());
            return p.put("force", false);
          },
          d -> {
            ObjectNode r = N.objectNode().put("requestId", d.uuid());
            ObjectNode item = r.putObject("instancesSet").putArray("items").addObject().put("instanceId", d.instanceId());
            item.putObject("currentState").put("code", 64).put("name", "stopping");
            item.putObject("previousState").put("code", 16).put("name", "running");
            return r;
          }),
      new Template("iam.amazonaws.com", "CreateUser", false, "AwsApiCall", null,
          errors("AccessDenied", "User is not authorized to perform: iam:CreateUser because no identity-based policy allows the iam:CreateUser action"),
          d -> N.objectNode().put("path", "/").put("userName", "svc-" + d.hex(6)),
          d -> {
            ObjectNode r = N.objectNode();
            String name = "svc-" + d.hex(6);
            r.putObject("user").put("path", "/").put("userName", name).put("userId", "AIDA" + d.upper(17))
                .put("arn", "arn:aws:iam::" + d.account + ":user/" + name).put("createDate", "Jan 1, 2024, 12:00:00 PM");
            return r;
          }),
      new Template("iam.amazonaws.com", "AttachRolePolicy", false, "AwsApiCall", null,
          errors("NoSuchEntityException", "The role with name ci-deploy cannot be found."),
          d -> N.objectNode().put("roleName", d.pick(List.of("ci-deploy", "lambda-orders-processor")))
              .put("policyArn", "arn:aws:iam::aws:policy/" + d.pick(List.of("ReadOnlyAccess", "AmazonS3FullAccess", "AWSLambdaBasicExecutionRole"))),
          d -> null),
      new Template("s3.amazonaws.com", "PutBucketPolicy", false, "AwsApiCall", null,
          errors("AccessDenied", "Access Denied"),
          d -> {
            String bucket = "app-logs-" + d.account + "-" + d.region;
            return N.objectNode().put("bucketName", bucket).put("Host", bucket + ".s3." + d.region + ".amazonaws.com")
                .put("bucketPolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}")
                .put("policy", "");
          },
          d -> null),
      new Template("s3.amazonaws.com", "ListBuckets", true, "AwsApiCall", null,
          errors("AccessDenied", "Access Denied"),
          d -> N.objectNode().put("Host", "s3." + d.region + ".amazonaws.com"),
          d -> null),
      new Template("sts.amazonaws.com", "AssumeRole", true, "AwsApiCall", Identities.Kind.ASSUMED_ROLE,
          errors("AccessDenied", "User is not authorized to perform: sts:AssumeRole on resource"),
          d -> N.objectNode().put("roleArn", "arn:aws:iam::" + d.account + ":role/ci-deploy")
              .put("roleSessionName", "gh-actions-" + d.between(1000, 9999)).put("durationSeconds", 3600),
          d -> {
            ObjectNode r = N.objectNode();
            r.putObject("credentials").put("accessKeyId", "ASIA" + d.upper(16))
                .put("sessionToken", "IQoJb3JpZ2luX2VjE" + d.upper(48)).put("expiration", "Jan 1, 2024, 1:00:00 PM");
            r.putObject("assumedRoleUser").put("assumedRoleId", "AROA" + d.upper(17) + ":gh-actions")
                .put("arn", "arn:aws:sts::" + d.account + ":assumed-role/ci-deploy/gh-actions");
            return r;
          }),
      new Template("sts.amazonaws.com", "GetCallerIdentity", true, "AwsApiCall", null,
          errors("ThrottlingException", "Rate exceeded"),
          d -> null,
          d -> null),
      new Template("kms.amazonaws.com", "Decrypt", true, "AwsApiCall", Identities.Kind.ASSUMED_ROLE,
          errors("AccessDeniedException", "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access."),
          d -> {
            ObjectNode p = N.objectNode().put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
            p.putObject("encryptionContext").put("aws:lambda:FunctionArn", d.arn("lambda", "function:orders-processor"));
            return p;
          },
          d -> null),
      new Template("kms.amazonaws.com", "GenerateDataKey", true, "AwsApiCall", Identities.Kind.ASSUMED_ROLE,
          errors("ThrottlingException", "Rate exceeded"),
          d -> N.objectNode().put("keyId", d.arn("kms", "key/" + d.uuid())).put("keySpec", "AES_256"),
          d -> null),
      new Template("signin.amazonaws.com", "ConsoleLogin", false, "AwsConsoleSignIn", Identities.Kind.IAM_USER,
          errors("Failed authentication", "Failed authentication"),
          d -> null,
          d -> N.objectNode().put("ConsoleLogin", "Success")),
      new Template("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", false, "AwsApiCall", null,
          errors("ResourceConflictException", "The operation cannot be performed at this time. An update is in progress for resource"),
          d -> N.objectNode().put("functionName", "orders-processor").put("publish", true)
              .put("s3Bucket", "deploy-artifacts-" + d.account).put("s3Key", "orders-processor/" + d.hex(12) + ".zip"),
          d -> N.objectNode().put("functionName", "orders-processor")
              .put("functionArn", d.arn("lambda", "function:orders-processor"))
              .put("runtime", "java17").put("handler", "com.example.Handler::handleRequest").put("codeSize", d.between(1_000_000, 20_000_000))
              .put("version", Integer.toString(d.between(2, 90))).put("state", "Active")),
      new Template("dynamodb.amazonaws.com", "DeleteTable", false, "AwsApiCall", null,
          errors("ResourceInUseException", "Attempt to change a resource which is still in use: Table is being created"),
          d -> N.objectNode().put("tableName", "sessions-" + d.hex(4)),
          d -> {
            ObjectNode r = N.objectNode();
            r.putObject("tableDescription").put("tableName", "sessions-" + d.hex(4)).put("tableStatus", "DELETING")
                .put("tableArn", d.arn("dynamodb", "table/sessions")).put("itemCount", 0).put("tableSizeBytes", 0);
            return r;
          }),
      new Template("cloudtrail.amazonaws.com", "StopLogging", false, "AwsApiCall", null,
          errors("AccessDeniedException", "User is not authorized to perform: cloudtrail:StopLogging"),
          d -> N.objectNode().put("name", d.arn("cloudtrail", "trail/management-events")),
          d -> null));

  private final String account;
  private final RandomGenerator random;
  private final RandomUuids uuids;

  GeneratedRecords(String account, RandomGenerator random, RandomUuids uuids) {
    this.account = account;
    this.random = random;
    this.uuids = uuids;
  }

  int templateCount() {
    return templates.size();
  }

  /** One record made at {@code time} (kept to the second, as CloudTrail writes it) in {@code region}. */
  byte[] next(Instant time, String region) {
    Draw d = new Draw(random, uuids, account, region);
    Template t = d.pick(templates);
    String eventTime = DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    boolean fails = d.chance(ERROR_SHARE);
    boolean console = t.eventType().equals("AwsConsoleSignIn");

    ObjectNode r = N.objectNode();
    r.put("eventVersion", d.pick(EVENT_VERSIONS));
    Identities.Kind kind = t.identity() != null ? t.identity() : Identities.anyKind(d);
    r.set("userIdentity", Identities.of(kind, d, eventTime));
    r.put("eventTime", eventTime);
    r.put("eventSource", t.eventSource());
    r.put("eventName", t.eventName());
    r.put("awsRegion", region);
    r.put("sourceIPAddress", console || d.chance(0.5) ? d.publicIp() : d.privateIp());
    r.put("userAgent", console
        ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
        : d.pick(SDK_AGENTS));
    if (fails) {
      String[] error = d.pick(t.errors());
      r.put("errorCode", error[0]);
      r.put("errorMessage", error[1]);
    }
    r.set("requestParameters", orNull(t.request().apply(d)));
    r.set("responseElements", fails ? N.nullNode() : orNull(t.response().apply(d)));
    if (console) {
      if (fails) {
        r.set("responseElements", N.objectNode().put("ConsoleLogin", "Failure"));
      }
      r.putObject("additionalEventData")
          .put("LoginTo", "https://console.aws.amazon.com/console/home?region=" + region)
          .put("MobileVersion", "No").put("MFAUsed", d.chance(0.8) ? "Yes" : "No");
    }
    r.put("requestID", d.uuid());
    r.put("eventID", d.uuid());
    r.put("readOnly", t.readOnly());
    if (t.eventSource().equals("kms.amazonaws.com")) {
      ArrayNode res = r.putArray("resources");
      res.addObject().put("accountId", account).put("type", "AWS::KMS::Key").put("ARN", d.arn("kms", "key/" + d.uuid()));
    }
    r.put("eventType", t.eventType());
    r.put("managementEvent", true);
    r.put("recipientAccountId", account);
    r.put("eventCategory", "Management");
    if (!console) {
      String tls = d.pick(TLS);
      r.putObject("tlsDetails").put("tlsVersion", tls)
          .put("cipherSuite", tls.equals("TLSv1.3") ? "TLS_AES_128_GCM_SHA256" : "ECDHE-RSA-AES128-GCM-SHA256")
          .put("clientProvidedHostHeader", t.eventSource().replace(".amazonaws.com", "") + "." + region + ".amazonaws.com");
    }
    try {
      return JSON.writeValueAsBytes(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a generated record as JSON", e);
    }
  }

  private static JsonNode orNull(JsonNode n) {
    return n == null ? N.nullNode() : n;
  }

  private static List<String[]> errors(String code, String message) {
    return List.<String[]>of(new String[] {code, message});
  }
}
