package io.drover.scheduler.client;

import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.Event;
import java.util.List;

/** Lets tests in other packages (the example) drive the package-private {@link FakeMaster}. */
public final class SchedulerClientTestAccess {
  private SchedulerClientTestAccess() {}

  public static AutoCloseable fakeMaster(String name) { return new FakeMaster(name); }

  public static String url(AutoCloseable master) { return ((FakeMaster) master).url(); }

  public static void send(AutoCloseable master, Event event) { ((FakeMaster) master).lastStream().sendSplit(event); }

  public static List<Call> calls(AutoCloseable master, Call.Type type) {
    return ((FakeMaster) master).callsOf(type).stream().map(FakeMaster.Received::call).toList();
  }
}
