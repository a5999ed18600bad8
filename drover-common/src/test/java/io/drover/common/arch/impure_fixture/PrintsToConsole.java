package io.drover.common.arch.impure_fixture;

public final class PrintsToConsole {
  void say(String s) { System.out.println(s); }
}
