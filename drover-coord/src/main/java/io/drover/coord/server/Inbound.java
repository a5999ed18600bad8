package io.drover.coord.server;

import java.util.Set;

/** What the frame decoder hands the connection handler. */
sealed interface Inbound {
  /** One length-prefixed frame's payload. */
  record Frame(byte[] payload) implements Inbound {}

  /** A four-letter word sent as a connection's first bytes. */
  record FourLetterWord(String word) implements Inbound {}

  /** Every four-letter word ZooKeeper knows; only these are recognised in place of a first frame. */
  Set<String> KNOWN_WORDS = Set.of("conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srvr",
      "srst", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash");
}
