package io.orgtrail.policy.condition;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 CIDR range (a single address is a /32 or /128), as IpAddress and NotIpAddress use. */
public record IpRange(byte[] network, int prefixLength) {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  public IpRange {
    network = network.clone();
  }

  /** {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address; empty when it is neither. */
  public static Optional<IpRange> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    int slash = t.indexOf('/');
    Optional<byte[]> address = address(slash < 0 ? t : t.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new IpRange(address.get(), prefix));
  }

  /** The bytes of an IP address literal (never a host name: nothing is looked up). */
  public static Optional<byte[]> address(String text) {
    var v4 = IPV4.matcher(text);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        b[i] = (byte) octet;
      }
      return Optional.of(b);
    }
    if (text.contains(":") && IPV6.matcher(text).matches()) {
      try {
        // With a colon in it, InetAddress reads a literal and never resolves a name.
        return Optional.of(InetAddress.getByName(text).getAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  public boolean contains(String address) {
    Optional<byte[]> a = address(address.trim());
    if (a.isEmpty() || a.get().length != network.length) {
      return false;
    }
    byte[] b = a.get();
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (b[full] & mask) == (network[full] & mask);
  }
}
