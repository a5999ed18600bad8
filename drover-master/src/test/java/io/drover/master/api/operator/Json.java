package io.drover.master.api.operator;

/** Literal JSON snippets for the v1 resources the tests expect (unreserved; with or without allocation role "*"). */
final class Json {
  private Json() {}

  /** An offered/allocated unreserved scalar, with {@code "role":"*","allocation_info":{"role":"*"}}. */
  static String scalar(String name, double value) {
    return "{\"name\":\"" + name + "\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + value
        + "},\"role\":\"*\",\"allocation_info\":{\"role\":\"*\"}}";
  }

  static String ports(long begin, long end) {
    return "{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":" + begin + ",\"end\":" + end
        + "}]},\"role\":\"*\",\"allocation_info\":{\"role\":\"*\"}}";
  }

  /** An agent's total resource (no allocation info). */
  static String total(String allocated) { return allocated.replace(",\"allocation_info\":{\"role\":\"*\"}", ""); }
}
