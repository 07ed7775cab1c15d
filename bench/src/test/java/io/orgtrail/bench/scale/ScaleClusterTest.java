package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.bench.common.StoreKind;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaleClusterTest {
  private static Set<String> chains(int streams, int accounts, int regionsPerStream) {
    Set<String> chains = new HashSet<>();
    for (int i = 0; i < streams; i++) {
      for (String region : ScaleCluster.regions(i, accounts, regionsPerStream)) {
        chains.add(ScaleCluster.account(i, accounts) + "/" + region);
      }
    }
    return chains;
  }

  @Test
  void streamsGoRoundRobinOverValidAccounts() {
    assertThat(ScaleCluster.account(0, 3)).isEqualTo("222200000001");
    assertThat(ScaleCluster.account(4, 3)).isEqualTo("222200000002");
    for (int i = 0; i < 50; i++) {
      assertThat(AccountId.isValid(ScaleCluster.account(i, 50))).isTrue();
    }
  }

  @Test
  void theAgentsOfAnAccountShareItsRegionsSoChainsAreAccountsTimesRegions() {
    assertThat(ScaleCluster.regions(1, 10, 2)).isEqualTo(ScaleCluster.regions(11, 10, 2)).hasSize(2)
        .doesNotHaveDuplicates().allMatch(Region::isValid);

    assertThat(chains(1000, 1000, 1)).hasSize(1000);
    assertThat(chains(1000, 100, 1)).hasSize(100);
    assertThat(chains(1000, 100, 3)).hasSize(300);
    assertThat(chains(12, 4, 2)).hasSize(8);
  }

  @Test
  void theSpecCountsTheSameChains() {
    ScaleSpec spec = new ScaleSpec(1000, 4, 100, 3, new StreamPlan(20, 100, Duration.ofSeconds(1), 4),
        Duration.ofSeconds(1), "1g", List.of(), List.of(), List.of(), StoreKind.LOCAL, 0, 2, Duration.ofSeconds(15),
        Duration.ofSeconds(60), Duration.ofSeconds(60), Path.of("orgtrail.jar"), Path.of("java"), "",
        Path.of("datasets"));

    assertThat(spec.chains()).isEqualTo(chains(1000, 100, 3).size());
  }
}
