package io.orgtrail.format.record;

/**
 * Drops insignificant whitespace (outside strings) from JSON text. Members, their order, numbers and string escapes
 * stay exactly as written, so the record means byte-for-byte what its source said, on one line.
 */
public final class JsonMinifier {
  private JsonMinifier() {}

  public static byte[] minify(byte[] src, int offset, int length) {
    byte[] out = new byte[length];
    int n = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = offset; i < offset + length; i++) {
      byte b = src[i];
      if (inString) {
        out[n++] = b;
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (!RecordEditor.isWhitespace(b)) {
        out[n++] = b;
        inString = b == '"';
      }
    }
    if (n == length) {
      return out;
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(out, 0, trimmed, 0, n);
    return trimmed;
  }

  public static byte[] minify(byte[] src) {
    return minify(src, 0, src.length);
  }
}
