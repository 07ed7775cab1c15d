package io.orgtrail.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A trail's event selectors: either basic ({@link BasicSelectors}, CloudTrail's {@code EventSelectors}) or advanced
 * ({@link AdvancedSelectors}, {@code AdvancedEventSelectors}), never both.
 *
 * <p>The JSON form is CloudTrail's PutEventSelectors request / GetEventSelectors answer without the trail name:
 * {@code {"EventSelectors":[...]}} or {@code {"AdvancedEventSelectors":[...]}}. {@link #toJson()} writes it in a
 * canonical way (fixed member order, no whitespace, CloudTrail's defaults written out), so that
 * {@link #fingerprint()} names the same selectors the same way on the aggregator and on every agent.
 */
public sealed interface TrailSelectors permits BasicSelectors, AdvancedSelectors {

  /** What a CloudTrail trail logs when nobody set selectors: all management events, no data events. */
  static TrailSelectors defaults() {
    return new BasicSelectors(List.of(EventSelector.allManagementEvents()));
  }

  /**
   * Parses and validates the JSON form.
   *
   * @throws InvalidEventSelectorsException when the text is not JSON, has neither or both forms, or CloudTrail would
   *     refuse the selectors; the message says where and what is allowed
   */
  static TrailSelectors parse(String json) throws InvalidEventSelectorsException {
    return SelectorsReader.read(json);
  }

  /**
   * Reads and validates selectors from a tree (for example the aggregator's YAML configuration read with Jackson's
   * YAML mapper). The tree has CloudTrail's request shape. A missing or {@code null} node means no selectors were
   * configured and gives {@link #defaults()}, as CloudTrail does for a trail without selectors. For YAML's sake,
   * booleans given as the text {@code true}/{@code false}, and scalar condition values that are booleans or numbers,
   * are taken as CloudTrail would read their text.
   */
  static TrailSelectors fromTree(JsonNode tree) throws InvalidEventSelectorsException {
    return SelectorsReader.read(tree);
  }

  /**
   * Checks the selectors against CloudTrail's rules (done by {@link #parse} and {@link #fromTree} already; call it
   * on selectors built in code).
   */
  default TrailSelectors validate() throws InvalidEventSelectorsException {
    SelectorsValidator.validate(this);
    return this;
  }

  /** The canonical JSON form, parseable by {@link #parse}. */
  default String toJson() {
    return SelectorsWriter.write(this);
  }

  /** The JSON form as a tree. */
  default JsonNode toTree() {
    return SelectorsWriter.tree(this);
  }

  /**
   * Lowercase hex SHA-256 of the UTF-8 bytes of {@link #toJson()}: lets an agent say which selectors it applies.
   * Equal lists give equal fingerprints; the order of selectors and values counts, as it does in CloudTrail's answer.
   */
  default String fingerprint() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(toJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
