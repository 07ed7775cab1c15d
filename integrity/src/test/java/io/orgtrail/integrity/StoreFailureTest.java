package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.A_WEST;
import static io.orgtrail.integrity.OrgTrail.B_EAST;
import static io.orgtrail.integrity.OrgTrail.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store failure on one object or one listing is reported against it; everything else is still validated. */
class StoreFailureTest {
  @TempDir static Path keyDir;
  static TestKeys keys;

  @TempDir Path storeDir;
  OrgTrail org;
  FailingStore failing;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  @BeforeEach
  void writeTrail() throws Exception {
    LocalDirectoryStore local = new LocalDirectoryStore(storeDir);
    org = OrgTrail.write(local, LocalStores.deleter(local), keys.first());
    failing = new FailingStore(local);
  }

  private ValidationReport validate(ValidationRequest request) {
    return LogValidator.builder().store(failing).layout(OrgTrail.LAYOUT).trail(OrgTrail.TRAIL)
        .publicKeys(keys.publicKeys()).build().validate(request);
  }

  @Test
  void aDigestThatCannotBeReadIsReportedAndTheOthersAreValidated() {
    String digest = org.chain(A_EAST).digest(2).key();
    failing.failGet.add(digest);

    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.problems(ProblemKind.DIGEST_UNREADABLE)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo(digest);
      assertThat(p.message()).isEqualTo("could not be read: disk on fire while reading " + digest);
    });
    assertThat(report.problems()).extracting(Problem::kind)
        .containsOnly(ProblemKind.DIGEST_UNREADABLE, ProblemKind.LOG_FILE_NOT_COVERED);
    assertThat(report.counts().digestsValid()).isEqualTo(11);
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void aLogFileThatCannotBeReadIsReported() {
    String log = org.chain(B_EAST).digest(1).logFileKeys().get(0);
    failing.failGet.add(log);

    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.problems()).extracting(Problem::kind, Problem::key)
        .containsExactly(tuple(ProblemKind.LOG_FILE_UNREADABLE, log));
    assertThat(report.counts().logFilesValid()).isEqualTo(21);
  }

  @Test
  void aFailedListingIsReportedAndTheOtherAccountsAreValidated() {
    String prefix = OrgTrail.LAYOUT.accountPrefix(B_EAST.accountId());
    failing.failList.add(prefix);

    ValidationReport report = validate(new ValidationRequest(
        Set.of(A_EAST.accountId(), B_EAST.accountId()), Set.of(), T0, OrgTrail.start(4)));

    assertThat(report.problems()).extracting(Problem::kind, Problem::key)
        .containsExactly(tuple(ProblemKind.LISTING_FAILED, prefix));
    assertThat(report.chains()).containsExactly(A_WEST, A_EAST);
    assertThat(report.counts().digestsValid()).isEqualTo(8);
    assertThat(report.isClean()).isFalse();
  }

  /** The local store, failing on chosen keys and prefixes: a store outage at one object. */
  static final class FailingStore implements ObjectStore {
    final ObjectStore delegate;
    final Set<String> failGet = new HashSet<>();
    final Set<String> failList = new HashSet<>();

    FailingStore(ObjectStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void put(PutObject object) throws StoreException {
      delegate.put(object);
    }

    @Override
    public Optional<StoredObject> get(String key) throws StoreException {
      if (failGet.contains(key)) {
        throw new StoreException("disk on fire while reading " + key);
      }
      return delegate.get(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws StoreException {
      if (failList.contains(prefix)) {
        throw new StoreException("disk on fire while listing " + prefix);
      }
      return delegate.list(prefix);
    }

    @Override
    public String bucket() {
      return delegate.bucket();
    }

    @Override
    public String describe() {
      return "failing " + delegate.describe();
    }

    @Override
    public void close() {}
  }
}
