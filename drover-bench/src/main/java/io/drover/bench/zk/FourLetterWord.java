package io.drover.bench.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZooKeeper's four-letter words on the client port ({@code ruok}, {@code srvr}), which both peers
 * answer, and the parsing of the server's {@code Mode:} out of {@code srvr}.
 */
final class FourLetterWord {
  /** Longest reply read: {@code srvr} is a few hundred bytes. */
  private static final int MAX_REPLY_BYTES = 16 * 1024;
  private static final Pattern MODE = Pattern.compile("(?m)^Mode:\\s*(\\S+)\\s*$");

  private FourLetterWord() {}

  /** The answer to one word: refused (not listening, reset, timed out) or the text replied. */
  sealed interface Answer permits Answer.Refused, Answer.Replied {
    record Refused(String reason) implements Answer {}
    record Replied(String text) implements Answer {}
  }

  /** A server's role as {@code srvr} reports it. */
  enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, READ_ONLY }

  static Answer ask(int port, String word) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1_000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new Answer.Replied(new String(in.readNBytes(MAX_REPLY_BYTES), StandardCharsets.US_ASCII));
    } catch (IOException notYet) {
      // Refused, reset or timed out: the server is not (fully) up; callers poll again.
      return new Answer.Refused(notYet.toString());
    }
  }

  /**
   * The {@code Mode:} line of a {@code srvr} reply; empty when there is none (a server that is not
   * serving, e.g. during leader election, answers "This ZooKeeper instance is not currently serving
   * requests"). ZooKeeper spells the modes {@code leader}, {@code follower}, {@code observer},
   * {@code standalone} and {@code read-only}.
   */
  static Optional<Mode> mode(String srvrReply) {
    Matcher m = MODE.matcher(srvrReply);
    if (!m.find()) return Optional.empty();
    return switch (m.group(1).toLowerCase(Locale.ROOT)) {
      case "leader" -> Optional.of(Mode.LEADER);
      case "follower" -> Optional.of(Mode.FOLLOWER);
      case "observer" -> Optional.of(Mode.OBSERVER);
      case "standalone" -> Optional.of(Mode.STANDALONE);
      case "read-only", "readonly", "read_only" -> Optional.of(Mode.READ_ONLY);
      default -> Optional.empty();
    };
  }

  /** The mode {@code srvr} on {@code port} reports now, empty when refused or not serving. */
  static Optional<Mode> modeOf(int port) {
    return switch (ask(port, "srvr")) {
      case Answer.Refused r -> Optional.empty();
      case Answer.Replied r -> mode(r.text());
    };
  }
}
