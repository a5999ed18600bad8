package io.drover.apps.launch;

import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Container;
import io.drover.apps.model.Network;
import io.drover.apps.model.PortDefinition;
import io.drover.apps.model.PortMapping;
import io.drover.master.api.v1.DiscoveryInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's {@code discovery} as Marathon's {@code TaskBuilder.computeDiscoveryInfo} and {@code PortDiscovery} make
 * it: visibility FRAMEWORK, name = the task name, and one port per port index and protocol (a comma list of
 * protocols gives several) with the port's name and labels:
 * <ul>
 *   <li>host networking: the port definitions, {@code number} = the task's host port, labels as given;
 *   <li>otherwise the container's port mappings: with a host port, {@code number} = the host port and the extra label
 *       {@code network-scope=host}; without one, one port per container network name (the mapping's
 *       {@code networkNames}, else the app's container networks) with {@code number} = the container port and labels
 *       {@code network-scope=container}, {@code network-name=<name>}.
 * </ul>
 * Port labels are omitted when empty.
 */
final class Discovery {
  static final String NETWORK_SCOPE = "network-scope";
  static final String NETWORK_NAME = "network-name";

  private Discovery() {}

  static DiscoveryInfo of(AppDefinition app, String name, List<Optional<Integer>> hostPorts) {
    List<DiscoveryInfo.Port> ports = new ArrayList<>();
    if (app.hasHostNetworking()) {
      List<PortDefinition> defs = app.portDefinitions();
      for (int i = 0; i < defs.size() && i < hostPorts.size(); i++) {
        PortDefinition pd = defs.get(i);
        int hp = hostPorts.get(i).orElseThrow(() -> new IllegalArgumentException("host networking needs host ports"));
        for (String proto : pd.protocol().split(",")) {
          ports.add(port(pd.name(), proto, hp, pd.labels()));
        }
      }
    } else {
      List<PortMapping> mappings = app.container().map(Container::portMappings).orElse(List.of());
      List<String> containerNetworks = app.networks().stream().filter(n -> n.mode() == Network.Mode.CONTAINER)
          .flatMap(n -> n.name().stream()).toList();
      for (int i = 0; i < mappings.size() && i < hostPorts.size(); i++) {
        PortMapping pm = mappings.get(i);
        for (String proto : pm.protocol().split(",")) {
          if (hostPorts.get(i).isPresent()) {
            Map<String, String> labels = new LinkedHashMap<>(pm.labels());
            labels.put(NETWORK_SCOPE, "host");
            ports.add(port(pm.name(), proto, hostPorts.get(i).get(), labels));
          } else {
            for (String net : pm.networkNames().isEmpty() ? containerNetworks : pm.networkNames()) {
              Map<String, String> labels = new LinkedHashMap<>(pm.labels());
              labels.put(NETWORK_SCOPE, "container");
              labels.put(NETWORK_NAME, net);
              ports.add(port(pm.name(), proto, pm.containerPort(), labels));
            }
          }
        }
      }
    }
    return new DiscoveryInfo(DiscoveryInfo.Visibility.FRAMEWORK, name, null, null, null,
        new DiscoveryInfo.Ports(ports), null);
  }

  private static DiscoveryInfo.Port port(Optional<String> name, String protocol, int number, Map<String, String> labels) {
    return new DiscoveryInfo.Port(number, name.orElse(null), protocol, null,
        labels.isEmpty() ? null : TaskBuilder.labels(labels));
  }
}
