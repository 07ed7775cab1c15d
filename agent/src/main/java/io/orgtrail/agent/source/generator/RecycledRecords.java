package io.orgtrail.agent.source.generator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Generated records at load-test rates. Making a record from scratch (a JSON tree, rendered) costs several
 * microseconds, more than the agent's whole pipeline spends on it, so a benchmark would mostly measure its own load.
 * Instead most records are copies of one made earlier in the same region with a fresh eventTime, eventID and
 * requestID written over the old ones; one in {@link #FRESH_SHARE} is made anew and replaces a random earlier one,
 * so the mix keeps changing and compresses like real traffic rather than like a loop. Used by one thread at a time.
 */
final class RecycledRecords {
  static final int POOL_SIZE = 256;
  static final int FRESH_SHARE = 8;
  private static final String EVENT_ID = "\"eventID\":\"";
  private static final String REQUEST_ID = "\"requestID\":\"";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int UUID_CHARS = 36;

  private final GeneratedRecords maker;
  private final RandomGenerator random;
  private final Map<String, List<Made>> pools = new HashMap<>();
  private long timeSecond = Long.MIN_VALUE;
  private byte[] timeText;

  RecycledRecords(GeneratedRecords maker, RandomGenerator random) {
    this.maker = maker;
    this.random = random;
  }

  /** One record made at {@code time} (kept to the second, as CloudTrail writes it) in {@code region}. */
  byte[] next(Instant time, String region) {
    List<Made> pool = pools.computeIfAbsent(region, r -> new ArrayList<>(POOL_SIZE));
    if (pool.size() < POOL_SIZE) {
      Made made = Made.of(maker.next(time, region));
      pool.add(made);
      return made.bytes.clone();
    }
    int slot = random.nextInt(POOL_SIZE);
    if (random.nextInt(FRESH_SHARE) == 0) {
      Made made = Made.of(maker.next(time, region));
      pool.set(slot, made);
      return made.bytes.clone();
    }
    return pool.get(slot).copyAt(timeText(time), random);
  }

  private byte[] timeText(Instant time) {
    long second = time.getEpochSecond();
    if (second != timeSecond) {
      timeSecond = second;
      timeText = DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS))
          .getBytes(StandardCharsets.US_ASCII);
    }
    return timeText;
  }

  /** A made record and where in it the parts that must differ from copy to copy are. */
  private record Made(byte[] bytes, int[] timeOffsets, int timeLength, int[] uuidOffsets) {
    static Made of(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int timeStart = text.indexOf("\"eventTime\":\"") + "\"eventTime\":\"".length();
      String time = text.substring(timeStart, text.indexOf('"', timeStart));
      List<Integer> times = new ArrayList<>();
      for (int at = text.indexOf(time); at >= 0; at = text.indexOf(time, at + 1)) {
        times.add(at);
      }
      int[] uuids = {valueOffset(text, EVENT_ID), valueOffset(text, REQUEST_ID)};
      return new Made(bytes, times.stream().mapToInt(Integer::intValue).toArray(), time.length(), uuids);
    }

    byte[] copyAt(byte[] time, RandomGenerator random) {
      byte[] copy = bytes.clone();
      if (time.length == timeLength) {
        for (int at : timeOffsets) {
          System.arraycopy(time, 0, copy, at, timeLength);
        }
      }
      for (int at : uuidOffsets) {
        writeUuid(copy, at, random.nextLong(), random.nextLong());
      }
      return copy;
    }

    private static int valueOffset(String text, String key) {
      int at = text.indexOf(key);
      if (at < 0) {
        throw new IllegalStateException("a generated record has no " + key);
      }
      return at + key.length();
    }
  }

  /** A version 4 UUID's text, written in place (the same form {@code UUID.toString} gives). */
  static void writeUuid(byte[] into, int at, long msb, long lsb) {
    msb = (msb & ~0xF000L) | 0x4000L;
    lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    int p = at;
    p = hex(into, p, msb >>> 32, 8);
    into[p++] = '-';
    p = hex(into, p, msb >>> 16, 4);
    into[p++] = '-';
    p = hex(into, p, msb, 4);
    into[p++] = '-';
    p = hex(into, p, lsb >>> 48, 4);
    into[p++] = '-';
    p = hex(into, p, lsb, 12);
    assert p - at == UUID_CHARS;
  }

  private static int hex(byte[] into, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return at + digits;
  }
}
