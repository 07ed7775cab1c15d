package io.orgtrail.access.identity;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Reads the orgtrail identity out of a client certificate: the SAN URI {@code arn:aws:iam::<account>:role/<role>}
 * names the principal, and the subject {@code CN=<name>, OU=<role>, O=<account>} must agree with it.
 */
public final class CertificateIdentity {
  /** SAN type 6 (RFC 5280 GeneralName uniformResourceIdentifier). */
  private static final int SAN_URI = 6;
  /** Any IAM role ARN: the role is checked separately, to say precisely what is wrong with it. */
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::([0-9]{12}):role/([A-Za-z0-9+=,.@_-]+)");
  private static final String HOW_TO_FIX = "Ask your orgtrail administrator for a client certificate from the"
      + " organization's CA (`orgtrail admin issue-cert` with your account id, role member-admin or platform, and your"
      + " name) and use that one";

  private CertificateIdentity() {}

  /**
   * The caller a client certificate names. The certificate's chain and validity are the TLS layer's business; this
   * checks only what it says.
   *
   * @throws MissingIdentityException saying what is missing or inconsistent, and how to get a proper certificate
   */
  public static Caller of(X509Certificate certificate) throws MissingIdentityException {
    String serial = serialHex(certificate);
    String which = "the client certificate (subject '" + certificate.getSubjectX500Principal().getName()
        + "', serial " + serial + ")";
    requireClientAuth(certificate, which);
    Matcher parts = identityUri(certificate, which);
    String arn = parts.group();
    String accountId = parts.group(1);
    Role role;
    try {
      role = Role.parse(parts.group(2));
    } catch (IllegalArgumentException e) {
      throw new MissingIdentityException(which + " names principal " + arn + ", but role '" + parts.group(2)
          + "' is not an orgtrail role (member-admin or platform). " + HOW_TO_FIX + ".");
    }
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    String organization = single(subject, BCStyle.O, "O (organization: the account id)", which);
    String unit = single(subject, BCStyle.OU, "OU (organizational unit: the role)", which);
    String name = single(subject, BCStyle.CN, "CN (common name: the holder's name)", which);
    if (!organization.equals(accountId) || !unit.equals(role.id())) {
      throw new MissingIdentityException(which + " is inconsistent: its SAN names " + arn + " but its subject says"
          + " account " + organization + " and role " + unit + ". " + HOW_TO_FIX + ".");
    }
    try {
      IdentityRules.requireName(name);
    } catch (IllegalArgumentException e) {
      throw new MissingIdentityException(which + " has an unusable holder name: " + e.getMessage() + ". " + HOW_TO_FIX
          + ".");
    }
    return new Caller(arn, accountId, role, name, serial, certificate.getNotAfter().toInstant());
  }

  /** The serial number as orgtrail prints it: lower-case hex, no separators. */
  public static String serialHex(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
  }

  private static void requireClientAuth(X509Certificate certificate, String which) throws MissingIdentityException {
    List<String> usages;
    try {
      usages = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new MissingIdentityException(which + " has an unreadable extended key usage extension (" + e.getMessage()
          + "). " + HOW_TO_FIX + ".");
    }
    if (usages != null && !usages.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
      throw new MissingIdentityException(which + " is not a client certificate: its extended key usage does not"
          + " include clientAuth (a server certificate cannot identify a caller). " + HOW_TO_FIX + ".");
    }
  }

  /** The one SAN URI that is a role ARN, matched against {@link #ROLE_ARN}. */
  private static Matcher identityUri(X509Certificate certificate, String which) throws MissingIdentityException {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new MissingIdentityException(which + " has an unreadable subject alternative name extension ("
          + e.getMessage() + "). " + HOW_TO_FIX + ".");
    }
    List<Matcher> arns = new ArrayList<>();
    if (names != null) {
      for (List<?> entry : names) {
        if (entry.size() >= 2 && Integer.valueOf(SAN_URI).equals(entry.get(0)) && entry.get(1) instanceof String uri) {
          Matcher arn = ROLE_ARN.matcher(uri);
          if (arn.matches()) {
            arns.add(arn);
          }
        }
      }
    }
    if (arns.isEmpty()) {
      throw new MissingIdentityException(which + " carries no orgtrail identity: it has no subject alternative name"
          + " URI of the form arn:aws:iam::<12-digit account>:role/<member-admin|platform>. " + HOW_TO_FIX + ".");
    }
    if (arns.size() > 1) {
      throw new MissingIdentityException(which + " names several principals "
          + arns.stream().map(Matcher::group).toList() + "; an orgtrail client"
          + " certificate names exactly one. " + HOW_TO_FIX + ".");
    }
    return arns.get(0);
  }

  private static String single(X500Name subject, ASN1ObjectIdentifier type, String what, String which)
      throws MissingIdentityException {
    RDN[] rdns = subject.getRDNs(type);
    if (rdns.length != 1 || rdns[0].isMultiValued()) {
      throw new MissingIdentityException(which + (rdns.length == 0 ? " has no " : " has more than one ") + what
          + " in its subject; an orgtrail client certificate's subject is CN=<name>, OU=<role>, O=<account id>. "
          + HOW_TO_FIX + ".");
    }
    var value = rdns[0].getFirst().getValue();
    return value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value);
  }
}
