package io.drover.cli.zk;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.data.Stat;

/** A znode's Stat as zkCli prints it (text) and as jute names it (JSON). */
final class StatFormat {
  private StatFormat() {}

  /** zkCli's layout: zxids and the owner session in hex, times as {@link Date#toString()} in the local zone. */
  static List<String> lines(Stat s) {
    return List.of(
        "cZxid = 0x" + Long.toHexString(s.getCzxid()),
        "ctime = " + new Date(s.getCtime()),
        "mZxid = 0x" + Long.toHexString(s.getMzxid()),
        "mtime = " + new Date(s.getMtime()),
        "pZxid = 0x" + Long.toHexString(s.getPzxid()),
        "cversion = " + s.getCversion(),
        "dataVersion = " + s.getVersion(),
        "aclVersion = " + s.getAversion(),
        "ephemeralOwner = 0x" + Long.toHexString(s.getEphemeralOwner()),
        "dataLength = " + s.getDataLength(),
        "numChildren = " + s.getNumChildren());
  }

  /** The Stat's jute field names and plain numbers (times in epoch milliseconds). */
  static Map<String, Object> json(Stat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("czxid", s.getCzxid());
    m.put("mzxid", s.getMzxid());
    m.put("ctime", s.getCtime());
    m.put("mtime", s.getMtime());
    m.put("version", s.getVersion());
    m.put("cversion", s.getCversion());
    m.put("aversion", s.getAversion());
    m.put("ephemeralOwner", s.getEphemeralOwner());
    m.put("dataLength", s.getDataLength());
    m.put("numChildren", s.getNumChildren());
    m.put("pzxid", s.getPzxid());
    return m;
  }
}
