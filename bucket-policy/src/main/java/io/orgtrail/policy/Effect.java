package io.orgtrail.policy;

/** A statement's Effect. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String jsonName;

  Effect(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The word in policy JSON: {@code Allow} or {@code Deny}. */
  public String jsonName() {
    return jsonName;
  }
}
