package io.orgtrail.history;

/**
 * One lookup attribute as the caller sent it (wire name and value, not yet checked: {@link EventHistory#lookup}
 * checks it so that an unknown key is answered with CloudTrail's error).
 */
public record LookupAttribute(String attributeKey, String attributeValue) {

  public static LookupAttribute of(AttributeKey key, String value) {
    return new LookupAttribute(key.wireName(), value);
  }
}
