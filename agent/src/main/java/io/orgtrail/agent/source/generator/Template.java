package io.orgtrail.agent.source.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of generated event.
 *
 * @param errors errorCode/errorMessage pairs this call fails with in real accounts
 * @param request builds requestParameters (null JSON when it returns null)
 * @param response builds responseElements for a successful call (null JSON when it returns null)
 */
record Template(
    String eventSource,
    String eventName,
    boolean readOnly,
    String eventType,
    Identities.Kind identity,
    List<String[]> errors,
    Function<Draw, JsonNode> request,
    Function<Draw, JsonNode> response) {}
