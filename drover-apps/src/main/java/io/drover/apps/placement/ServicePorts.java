package io.drover.apps.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cluster-wide service ports ({@code portDefinitions[].port}, {@code portMappings[].servicePort}): every port belongs
 * to at most one app. {@code 0} asks for a free port from the range (Marathon's {@code --local_port_min/max},
 * 10000–20000, both inclusive); other numbers are kept as given (they may lie outside the range) unless another app
 * holds them. Rebuild it on leadership from the stored apps with {@link #assign} per app (all fixed ports then).
 */
public final class ServicePorts {
  private final int minPort;
  private final int maxPort;
  private final TreeMap<Integer, String> holders = new TreeMap<>();
  private final Map<String, List<Integer>> byApp = new HashMap<>();

  public ServicePorts(int minPort, int maxPort) {
    if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
      throw new IllegalArgumentException("bad service port range " + minPort + "-" + maxPort);
    }
    this.minPort = minPort;
    this.maxPort = maxPort;
  }

  /** The Marathon default range 10000–20000. */
  public static ServicePorts defaults() { return new ServicePorts(10000, 20000); }

  /** The outcome of {@link #assign}. */
  public sealed interface Result {
    /** @param ports the service ports, one per requested entry, in order */
    record Assigned(List<Integer> ports) implements Result {
      public Assigned { ports = List.copyOf(ports); }
    }

    /** Nothing changed: some fixed ports are taken; {@code conflicts} names each port and both apps. */
    record Conflicts(List<Conflict> conflicts) implements Result {
      public Conflicts { conflicts = List.copyOf(conflicts); }
    }

    /** Nothing changed: the range has fewer free ports than were asked for. */
    record Exhausted(int wanted, int free) implements Result {}
  }

  /**
   * A fixed service port another app (or the same request, twice) already uses.
   *
   * @param index the position of the port in the request ({@code /portDefinitions(index)/port})
   */
  public record Conflict(int index, int port, String appId, String holderAppId) {
    /** Message for a 422 detail. */
    public String message() {
      return appId.equals(holderAppId)
          ? "Requested service port " + port + " is used more than once by app " + appId
          : "Requested service port " + port + " of app " + appId + " conflicts with a service port in use by app "
              + holderAppId;
    }
  }

  /**
   * Sets the service ports of {@code appId} from {@code requested} (0 = any free port). The app's own current ports
   * never conflict with it; a 0 entry keeps one of the app's current ports not otherwise requested (so updating an
   * app does not move its ports), else takes the lowest free port of the range. Ports the app no longer asks for are
   * freed. On a conflict or exhaustion nothing changes.
   */
  public Result assign(String appId, List<Integer> requested) {
    Objects.requireNonNull(appId, "appId");
    List<Conflict> conflicts = new ArrayList<>();
    Set<Integer> fixed = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      int port = requested.get(i);
      if (port < 0 || port > 65535) throw new IllegalArgumentException("service port out of range: " + port);
      if (port == 0) continue;
      String holder = holders.get(port);
      if (holder != null && !holder.equals(appId)) conflicts.add(new Conflict(i, port, appId, holder));
      else if (!fixed.add(port)) conflicts.add(new Conflict(i, port, appId, appId));
    }
    if (!conflicts.isEmpty()) return new Result.Conflicts(conflicts);

    List<Integer> reusable = new ArrayList<>(byApp.getOrDefault(appId, List.of()));
    reusable.removeIf(fixed::contains);
    reusable.removeIf(p -> p < minPort || p > maxPort);
    List<Integer> out = new ArrayList<>(requested.size());
    Set<Integer> chosen = new HashSet<>(fixed);
    int dynamicWanted = (int) requested.stream().filter(p -> p == 0).count();
    int cursor = minPort;
    for (int port : requested) {
      if (port != 0) {
        out.add(port);
        continue;
      }
      if (!reusable.isEmpty()) {
        int p = reusable.removeFirst();
        chosen.add(p);
        out.add(p);
        continue;
      }
      while (cursor <= maxPort && (chosen.contains(cursor) || isHeldByOther(cursor, appId))) cursor++;
      if (cursor > maxPort) return new Result.Exhausted(dynamicWanted, freeCount(appId, fixed));
      chosen.add(cursor);
      out.add(cursor);
    }
    release(appId);
    for (int p : out) holders.put(p, appId);
    byApp.put(appId, List.copyOf(out));
    return new Result.Assigned(out);
  }

  private boolean isHeldByOther(int port, String appId) {
    String h = holders.get(port);
    return h != null && !h.equals(appId);
  }

  private int freeCount(String appId, Set<Integer> fixed) {
    int free = 0;
    for (int p = minPort; p <= maxPort; p++) if (!isHeldByOther(p, appId) && !fixed.contains(p)) free++;
    return free;
  }

  /** Frees every service port of {@code appId} (app removed). Returns the ports freed. */
  public List<Integer> release(String appId) {
    List<Integer> ports = byApp.remove(appId);
    if (ports == null) return List.of();
    for (int p : ports) holders.remove(p, appId);
    return ports;
  }

  /** The app's service ports, empty if it has none. */
  public List<Integer> portsOf(String appId) { return byApp.getOrDefault(appId, List.of()); }

  /** The app holding {@code port}. */
  public Optional<String> holderOf(int port) { return Optional.ofNullable(holders.get(port)); }

  public int minPort() { return minPort; }

  public int maxPort() { return maxPort; }
}
