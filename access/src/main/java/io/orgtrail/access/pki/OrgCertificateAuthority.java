package io.orgtrail.access.pki;

import io.orgtrail.access.identity.IdentityRules;
import io.orgtrail.access.identity.Role;
import io.orgtrail.format.layout.OrgId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization's certificate authority: a self-signed EC P-256 CA that issues the client certificates naming
 * who may read which logs, and the access service's server certificate.
 *
 * <p>A CA directory holds {@value #CA_CERTIFICATE} and {@value #CA_KEY}. An identity directory gets
 * {@code client.pem}, {@code client-key.pem} and {@value #CA_CERTIFICATE} (or {@code server.pem},
 * {@code server-key.pem}, {@value #CA_CERTIFICATE}). Every file is PEM, private keys PKCS#8, all written
 * atomically and readable by their owner only.
 *
 * <pre>{@code
 * OrgCertificateAuthority ca = OrgCertificateAuthority.create(caDir, "o-a1b2c3d4e5", clock, new SecureRandom());
 * ca.issueServer(List.of("aggregator.internal"), List.of("10.0.0.5"), Duration.ofDays(365), serverDir);
 * ca.issueClient("111122223333", "member-admin", "alice", Duration.ofDays(90), aliceDir);
 * }</pre>
 */
public final class OrgCertificateAuthority {
  public static final String CA_CERTIFICATE = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String CLIENT = "client";
  public static final String SERVER = "server";
  /** How long a CA made by {@link #create(Path, String, Clock, SecureRandom)} lasts. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
  /** Certificates start this long before they are issued, so that a peer whose clock lags a little accepts them. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final String SERVER_UNIT = "orgtrail-access";
  private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
      + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Logger log = LoggerFactory.getLogger(OrgCertificateAuthority.class);

  private final Path directory;
  private final String orgId;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;
  private final CertificateSigner signer;

  private OrgCertificateAuthority(Path directory, String orgId, X509Certificate certificate, PrivateKey key,
      Clock clock, SecureRandom random) {
    this.directory = directory;
    this.orgId = orgId;
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
    this.signer = new CertificateSigner(random);
  }

  /** Creates a CA valid for {@link #DEFAULT_CA_VALIDITY} in {@code dir}; see {@link #create(Path, String, Duration, Clock, SecureRandom)}. */
  public static OrgCertificateAuthority create(Path dir, String orgId, Clock clock, SecureRandom random)
      throws IOException {
    return create(dir, orgId, DEFAULT_CA_VALIDITY, clock, random);
  }

  /**
   * Creates the organization's CA: a new key pair and a self-signed certificate (subject
   * {@code CN=orgtrail CA <orgId>, OU=orgtrail, O=<orgId>}), written to {@code dir/ca.pem} and {@code dir/ca-key.pem}.
   *
   * @throws IllegalArgumentException for an invalid org id or validity
   * @throws IOException when {@code dir} already holds a CA (a new one would orphan every certificate issued so
   *     far) or cannot be written
   */
  public static OrgCertificateAuthority create(Path dir, String orgId, Duration validity, Clock clock,
      SecureRandom random) throws IOException {
    OrgId.require(orgId);
    requirePositive(validity, "CA validity");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Path certFile = dir.resolve(CA_CERTIFICATE);
    Path keyFile = dir.resolve(CA_KEY);
    if (Files.exists(certFile) || Files.exists(keyFile)) {
      throw new IOException("a CA already exists in " + dir + " (" + CA_CERTIFICATE + " or " + CA_KEY + "); load it"
          + " instead, or choose an empty directory: a new CA would invalidate every certificate issued so far");
    }
    CertificateSigner signer = new CertificateSigner(random);
    KeyPair keys = signer.newKeyPair();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, orgId)
        .addRDN(BCStyle.OU, "orgtrail")
        .addRDN(BCStyle.CN, "orgtrail CA " + orgId)
        .build();
    X509Certificate certificate = signer.selfSignedCa(subject, keys, now.minus(CLOCK_SKEW), now.plus(validity));
    OwnerOnlyFiles.createDirectories(dir);
    OwnerOnlyFiles.write(keyFile, ascii(Pem.privateKey(keys.getPrivate())));
    OwnerOnlyFiles.write(certFile, ascii(Pem.certificate(certificate)));
    log.info("created the organization CA for {} in {} (serial {}, valid until {})", orgId, dir,
        serialHex(certificate), certificate.getNotAfter().toInstant());
    return new OrgCertificateAuthority(dir, orgId, certificate, keys.getPrivate(), clock, random);
  }

  /** Loads the CA in {@code dir}, issuing with the system clock and a new {@link SecureRandom}. */
  public static OrgCertificateAuthority load(Path dir) throws IOException {
    return load(dir, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Loads the CA in {@code dir} ({@code ca.pem}, {@code ca-key.pem}).
   *
   * @throws IOException when a file is missing or unreadable, the certificate is not a CA, or the key does not
   *     belong to it
   */
  public static OrgCertificateAuthority load(Path dir, Clock clock, SecureRandom random) throws IOException {
    Path certFile = dir.resolve(CA_CERTIFICATE);
    Path keyFile = dir.resolve(CA_KEY);
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      throw new IOException("no CA in " + dir + ": expected " + CA_CERTIFICATE + " and " + CA_KEY + " there; create"
          + " the organization CA there first (`orgtrail admin`), or point at the directory that holds them");
    }
    X509Certificate certificate = Pem.readCertificate(certFile);
    PrivateKey key = Pem.readPrivateKey(keyFile);
    if (certificate.getBasicConstraints() < 0) {
      throw new IOException(certFile + " is not a CA certificate (no basicConstraints CA:true)");
    }
    requireKeyMatches(certificate, key, keyFile, certFile);
    warnIfShared(keyFile);
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] organization = subject.getRDNs(BCStyle.O);
    String orgId = organization.length == 1 ? IETFUtils.valueToString(organization[0].getFirst().getValue()) : "";
    if (!OrgId.isValid(orgId)) {
      throw new IOException(certFile + " is not an orgtrail organization CA: its subject "
          + certificate.getSubjectX500Principal().getName() + " names no organization id (O=o-...)");
    }
    return new OrgCertificateAuthority(dir, orgId, certificate, key, clock, random);
  }

  /**
   * Issues a client certificate: subject {@code CN=<name>, OU=<role>, O=<accountId>}, SAN URI
   * {@code arn:aws:iam::<accountId>:role/<role>}, extended key usage clientAuth. Writes {@code client.pem},
   * {@code client-key.pem} and {@code ca.pem} to {@code outDir} (created owner-only if missing), replacing earlier
   * ones.
   *
   * @param role {@code member-admin} or {@code platform}
   * @param name who holds it, e.g. {@code alice}: 1 to 64 letters, digits, {@code . _ @ -}
   * @throws IllegalArgumentException for an invalid account, role, name or validity (the message says which)
   */
  public IssuedIdentity issueClient(String accountId, String role, String name, Duration validity, Path outDir)
      throws IOException {
    IdentityRules.requireAccount(accountId);
    Role parsedRole = Role.parse(role);
    IdentityRules.requireName(name);
    Window window = validityWindow(validity);
    KeyPair keys = signer.newKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, accountId)
        .addRDN(BCStyle.OU, parsedRole.id())
        .addRDN(BCStyle.CN, name)
        .build();
    GeneralNames san = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
        IdentityRules.roleArn(accountId, parsedRole)));
    X509Certificate issued = signer.endEntity(certificate, key, subject, keys.getPublic(),
        KeyPurposeId.id_kp_clientAuth, san, window.notBefore(), window.notAfter());
    IssuedIdentity identity = write(outDir, CLIENT, keys.getPrivate(), issued);
    log.info("issued client certificate {} for {} ({}) in account {}, valid until {}, to {}", identity.serialHex(),
        name, parsedRole.id(), accountId, identity.notAfter(), outDir);
    return identity;
  }

  /**
   * Issues the access service's server certificate: SAN DNS names and IP addresses (at least one), extended key
   * usage serverAuth. Writes {@code server.pem}, {@code server-key.pem} and {@code ca.pem} to {@code outDir}.
   *
   * @throws IllegalArgumentException for an invalid host name, IP address or validity
   */
  public IssuedIdentity issueServer(List<String> dnsNames, List<String> ipAddresses, Duration validity, Path outDir)
      throws IOException {
    List<GeneralName> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(new GeneralName(GeneralName.dNSName, requireDnsName(dns)));
    }
    for (String ip : ipAddresses) {
      names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(requireIpAddress(ip).getAddress())));
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address: the ones"
          + " clients use to reach the access service (e.g. aggregator.internal, 10.0.0.5, localhost, 127.0.0.1)");
    }
    Window window = validityWindow(validity);
    KeyPair keys = signer.newKeyPair();
    String commonName = !dnsNames.isEmpty() ? dnsNames.get(0) : ipAddresses.get(0);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, orgId)
        .addRDN(BCStyle.OU, SERVER_UNIT)
        .addRDN(BCStyle.CN, commonName)
        .build();
    X509Certificate issued = signer.endEntity(certificate, key, subject, keys.getPublic(),
        KeyPurposeId.id_kp_serverAuth, new GeneralNames(names.toArray(GeneralName[]::new)), window.notBefore(), window.notAfter());
    IssuedIdentity identity = write(outDir, SERVER, keys.getPrivate(), issued);
    log.info("issued server certificate {} for {} {}, valid until {}, to {}", identity.serialHex(), dnsNames,
        ipAddresses, identity.notAfter(), outDir);
    return identity;
  }

  /** The CA certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The organization id the CA was created for. */
  public String orgId() {
    return orgId;
  }

  /** The CA directory. */
  public Path directory() {
    return directory;
  }

  /** {@code <directory>/ca.pem}. */
  public Path certificateFile() {
    return directory.resolve(CA_CERTIFICATE);
  }

  private IssuedIdentity write(Path outDir, String baseName, PrivateKey privateKey, X509Certificate issued)
      throws IOException {
    Path keyFile = outDir.resolve(baseName + "-key.pem");
    Path certFile = outDir.resolve(baseName + ".pem");
    Path caFile = outDir.resolve(CA_CERTIFICATE);
    OwnerOnlyFiles.createDirectories(outDir);
    // Key first: a certificate on disk always has its key next to it, even after a crash in between.
    OwnerOnlyFiles.write(keyFile, ascii(Pem.privateKey(privateKey)));
    OwnerOnlyFiles.write(certFile, ascii(Pem.certificate(issued)));
    OwnerOnlyFiles.write(caFile, ascii(Pem.certificate(certificate)));
    return new IssuedIdentity(outDir, certFile, keyFile, caFile, issued);
  }

  private record Window(Instant notBefore, Instant notAfter) {}

  /** From now (less the clock skew) for {@code validity}, checked to lie within the CA's own validity. */
  private Window validityWindow(Duration validity) {
    requirePositive(validity, "certificate validity");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant caStart = certificate.getNotBefore().toInstant();
    Instant caEnd = certificate.getNotAfter().toInstant();
    if (now.isBefore(caStart) || now.isAfter(caEnd)) {
      throw new IllegalStateException("the organization CA (" + certificateFile() + ") is valid from " + caStart
          + " to " + caEnd + ", not now (" + now + "); check the clock, or create a new CA and reissue certificates");
    }
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(caEnd)) {
      throw new IllegalArgumentException("a certificate valid for " + validity.toDays() + " days would outlive the"
          + " organization CA, which expires at " + caEnd + "; ask for at most "
          + Duration.between(now, caEnd).toDays() + " days");
    }
    Instant notBefore = now.minus(CLOCK_SKEW);
    return new Window(notBefore.isBefore(caStart) ? caStart : notBefore, notAfter);
  }

  private static void requirePositive(Duration validity, String what) {
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + validity);
    }
  }

  private static String requireDnsName(String name) {
    String problem = null;
    if (name == null || name.isEmpty()) {
      problem = "it is empty";
    } else if (name.length() > 253) {
      problem = "it is longer than 253 characters";
    } else {
      for (String label : name.split("\\.", -1)) {
        if (!DNS_LABEL.matcher(label).matches()) {
          problem = "label '" + label + "' is not 1 to 63 letters, digits or hyphens (not at either end)";
          break;
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException("DNS name '" + name + "' is not valid for a server certificate: " + problem
          + "; use the host name clients connect to, e.g. aggregator.internal (wildcards are not issued)");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static InetAddress requireIpAddress(String address) {
    if (address != null && (IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
      try {
        // A literal is parsed, never looked up.
        return InetAddress.getByName(address);
      } catch (UnknownHostException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException("IP address '" + address + "' is not a valid IPv4 or IPv6 literal, e.g."
        + " 10.0.0.5 or ::1; put host names in the DNS names instead");
  }

  private static void requireKeyMatches(X509Certificate certificate, PrivateKey key, Path keyFile, Path certFile)
      throws IOException {
    if (!KeyMatch.matches(certificate.getPublicKey(), key)) {
      throw new IOException("the key in " + keyFile + " does not belong to the CA certificate in " + certFile
          + "; restore the pair that was created together");
    }
  }

  private static void warnIfShared(Path keyFile) {
    if (!OwnerOnlyFiles.isPosix()) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
      if (!OwnerOnlyFiles.FILE.containsAll(permissions)) {
        log.warn("the CA key {} is readable by others ({}); restrict it with chmod 600", keyFile,
            PosixFilePermissions.toString(permissions));
      }
    } catch (IOException e) {
      log.debug("could not read the permissions of {}: {}", keyFile, e.toString());
    }
  }

  private static String serialHex(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
