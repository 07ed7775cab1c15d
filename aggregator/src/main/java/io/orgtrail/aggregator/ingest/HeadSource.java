package io.orgtrail.aggregator.ingest;

import io.orgtrail.format.digest.ChainHead;
import java.util.List;

/** The signed heads of the digest chains of an agent's own account, which acknowledgements carry to it. */
@FunctionalInterface
public interface HeadSource {
  HeadSource NONE = agentId -> List.of();

  List<ChainHead> headsFor(String agentId);
}
