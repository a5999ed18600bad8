package io.drover.coord.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends a four-letter word and reads the answer until the server closes the connection. */
final class FourLetter {
  private FourLetter() {}

  static String ask(int port, String word) throws Exception { return ask(port, word, false); }

  /**
   * With {@code halfClose} the client shuts its sending side after the word, as {@code echo srvr | nc -N} and many
   * monitoring scripts do; the server must still answer.
   */
  static String ask(int port, String word, boolean halfClose) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (halfClose) s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
