package io.orgtrail.access.testing;

import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A few log and digest files under three accounts' prefixes, as the aggregator would have written them. */
public final class TestObjects {
  public static final String ALICE_ACCOUNT = "111122223333";
  public static final String BOB_ACCOUNT = "222233334444";
  /** Shares its first 11 digits with Alice's account: a prefix of Alice's id must not reach it. */
  public static final String NEIGHBOUR_ACCOUNT = "111122223334";
  public static final String PLATFORM_ACCOUNT = "999988887777";
  public static final String ORG_PREFIX = "AWSLogs/" + TestPki.ORG_ID + "/";
  public static final String ALICE_PREFIX = ORG_PREFIX + ALICE_ACCOUNT + "/";
  public static final String BOB_PREFIX = ORG_PREFIX + BOB_ACCOUNT + "/";
  public static final String NEIGHBOUR_PREFIX = ORG_PREFIX + NEIGHBOUR_ACCOUNT + "/";

  public static final String ALICE_LOG = ALICE_PREFIX
      + "CloudTrail/us-east-1/2025/01/31/111122223333_CloudTrail_us-east-1_20250131T0000Z_a1b2c3d4e5f6a7b8.json.gz";
  public static final String ALICE_DIGEST = ALICE_PREFIX + "CloudTrail-Digest/us-east-1/2025/01/31/"
      + "111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20250131T010000Z.json.gz";
  /** 2.5 MiB: three chunks. */
  public static final String ALICE_BIG_LOG = ALICE_PREFIX
      + "CloudTrail/us-west-2/2025/02/01/111122223333_CloudTrail_us-west-2_20250201T0000Z_c3d4e5f6a7b8c9d0.json.gz";
  public static final String BOB_LOG = BOB_PREFIX
      + "CloudTrail/us-east-1/2025/01/31/222233334444_CloudTrail_us-east-1_20250131T0000Z_b2c3d4e5f6a7b8c9.json.gz";
  public static final String NEIGHBOUR_LOG = NEIGHBOUR_PREFIX
      + "CloudTrail/us-east-1/2025/01/31/111122223334_CloudTrail_us-east-1_20250131T0000Z_d4e5f6a7b8c9d0e1.json.gz";

  public static final byte[] BIG_CONTENT = randomBytes(2 * 1024 * 1024 + 512 * 1024);

  private TestObjects() {}

  public static List<String> aliceKeys() {
    return List.of(ALICE_DIGEST, ALICE_LOG, ALICE_BIG_LOG);
  }

  public static void write(ObjectStore store) throws StoreException {
    store.put(new PutObject(ALICE_LOG, content(ALICE_LOG), "application/json", "gzip", Map.of("origin", "alice")));
    store.put(new PutObject(ALICE_DIGEST, content(ALICE_DIGEST), "application/json", "gzip",
        Map.of("signature", "abcdef", "signing-algorithm", "SHA256withRSA")));
    store.put(new PutObject(ALICE_BIG_LOG, BIG_CONTENT, "application/json", "gzip", Map.of()));
    store.put(new PutObject(BOB_LOG, content(BOB_LOG), "application/json", "gzip", Map.of()));
    store.put(new PutObject(NEIGHBOUR_LOG, content(NEIGHBOUR_LOG), "application/json", "gzip", Map.of()));
  }

  /** The small objects' bytes: their own key, so a mix-up shows. */
  public static byte[] content(String key) {
    return ("{\"Records\":[],\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
