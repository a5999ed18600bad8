package io.drover.cli.client;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stdout is a terminal, so progress may be redrawn in place with ANSI escapes. */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    String term = System.getenv("TERM");
    if (term == null || term.equals("dumb") || System.getenv("NO_COLOR") != null) return false;
    Console console = System.console();
    if (console == null) return false;
    try {
      // JDK 22+ returns a Console even when redirected and tells with isTerminal(); JDK 21 returns null then.
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Console.isTerminal() is public and takes no arguments", e);
    }
  }
}
