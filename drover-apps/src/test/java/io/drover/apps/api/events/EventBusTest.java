package io.drover.apps.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class EventBusTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Subscription sub(EventBus bus, String name, int capacity, List<String> types) {
    return bus.subscribe(name, capacity, EventBus.only(types)).orElseThrow();
  }

  private static List<String> drain(Subscription s) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (s.poll(0) instanceof Subscription.Event e) out.add(e.eventType() + "@" + e.event().get("n"));
    return out;
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode ev(String type, int n) {
    return Events.event(type, T0).put("n", n);
  }

  @Test
  void eventsNeedATypeAndATimestamp() {
    EventBus bus = new EventBus();
    assertThatThrownBy(() -> bus.publish(JsonNodeFactory.instance.objectNode().put("timestamp", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventType");
    assertThatThrownBy(() -> bus.publish(JsonNodeFactory.instance.objectNode().put("eventType", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
    assertThatThrownBy(() -> bus.publish(JsonNodeFactory.instance.arrayNode()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Events.event("deployment_info", T0 + 158).toString())
        .isEqualTo("{\"eventType\":\"deployment_info\",\"timestamp\":\"2023-11-14T22:13:20.158Z\"}");
    assertThat(Events.timestamp(T0)).isEqualTo("2023-11-14T22:13:20.000Z");
  }

  @Test
  void subscribersGetTheTypesTheyChoseInOrder() throws Exception {
    EventBus bus = new EventBus();
    Subscription all = sub(bus, "all", 10, List.of());
    Subscription some = sub(bus, "some", 10, List.of("b_event", "c_event"));
    assertThat(bus.publish(ev("a_event", 1))).isEqualTo(1);
    assertThat(bus.publish(ev("b_event", 2))).isEqualTo(2);
    assertThat(bus.publish(ev("c_event", 3))).isEqualTo(2);
    assertThat(drain(all)).containsExactly("a_event@1", "b_event@2", "c_event@3");
    assertThat(drain(some)).containsExactly("b_event@2", "c_event@3");
    assertThat(all.poll(1)).isInstanceOf(Subscription.Timeout.class);
  }

  @Test
  void aSlowSubscriberIsDroppedNotTheBus() throws Exception {
    EventBus bus = new EventBus();
    Subscription slow = sub(bus, "slow", 2, List.of());
    Subscription fast = sub(bus, "fast", 100, List.of());
    AtomicReference<Subscription.End> told = new AtomicReference<>();
    slow.whenEnded(told::set);
    for (int i = 1; i <= 5; i++) bus.publish(ev("x_event", i));

    assertThat(slow.end()).contains(Subscription.End.OVERFLOW);
    assertThat(told.get()).isEqualTo(Subscription.End.OVERFLOW);
    assertThat(slow.poll(0)).isEqualTo(new Subscription.Ended(Subscription.End.OVERFLOW)); // backlog dropped
    assertThat(bus.subscriberCount()).isEqualTo(1);
    assertThat(drain(fast)).hasSize(5);
    assertThat(bus.publish(ev("x_event", 6))).isEqualTo(1);
  }

  @Test
  void boundsSubscribersAndClosingEndsThemAfterTheirBacklog() throws Exception {
    EventBus bus = new EventBus(2);
    Subscription a = sub(bus, "a", 10, List.of());
    Subscription b = sub(bus, "b", 10, List.of());
    assertThat(bus.subscribe("c", 10, t -> true)).isEmpty();
    b.close();
    assertThat(b.poll(0)).isEqualTo(new Subscription.Ended(Subscription.End.CLOSED));
    Subscription c = sub(bus, "c", 10, List.of());

    bus.publish(ev("y_event", 1));
    bus.close();
    assertThat(a.poll(0)).isInstanceOf(Subscription.Event.class);
    assertThat(a.poll(0)).isEqualTo(new Subscription.Ended(Subscription.End.BUS_CLOSED));
    assertThat(a.poll(0)).isEqualTo(new Subscription.Ended(Subscription.End.BUS_CLOSED));
    assertThat(c.end()).contains(Subscription.End.BUS_CLOSED);
    assertThat(bus.subscribe("d", 10, t -> true)).isEmpty();
    assertThat(bus.publish(ev("y_event", 2))).isZero();
  }
}
