package io.orgtrail.agent.source.generator;

import io.orgtrail.format.ids.RandomUuids;
import java.util.List;
import java.util.random.RandomGenerator;

/** Random parts of a generated record, for one account and region. Used by one thread at a time. */
final class Draw {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  final RandomGenerator random;
  final RandomUuids uuids;
  final String account;
  final String region;

  Draw(RandomGenerator random, RandomUuids uuids, String account, String region) {
    this.random = random;
    this.uuids = uuids;
    this.account = account;
    this.region = region;
  }

  int between(int fromInclusive, int toExclusive) {
    synchronized (random) {
      return random.nextInt(fromInclusive, toExclusive);
    }
  }

  boolean chance(double p) {
    synchronized (random) {
      return random.nextDouble() < p;
    }
  }

  <T> T pick(List<T> options) {
    return options.get(between(0, options.size()));
  }

  String hex(int n) {
    return chars(HEX, n);
  }

  String upper(int n) {
    return chars(UPPER_ALNUM, n);
  }

  String uuid() {
    return uuids.next();
  }

  String privateIp() {
    return "10." + between(0, 256) + "." + between(0, 256) + "." + between(1, 255);
  }

  String publicIp() {
    return pick(List.of("198.51.100.", "203.0.113.", "192.0.2.")) + between(1, 255);
  }

  String instanceId() {
    return "i-0" + hex(16);
  }

  String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
  }

  private String chars(char[] alphabet, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = alphabet[between(0, alphabet.length)];
    }
    return new String(c);
  }
}
