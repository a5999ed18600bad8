package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.random.Rng;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class TaskIdTest {
  @Test
  void formatIsMarathon18() {
    InstanceId i = new InstanceId(PathId.of("/prod/web"), InstanceId.PREFIX_INSTANCE,
        UUID.fromString("564bd685-4c30-11e5-98c1-be5b2935a987"));
    TaskId t = TaskId.of(i, 1);
    assertThat(t.idString()).isEqualTo("prod_web.instance-564bd685-4c30-11e5-98c1-be5b2935a987._app.1");
    assertThat(t.next().idString()).isEqualTo("prod_web.instance-564bd685-4c30-11e5-98c1-be5b2935a987._app.2");
    assertThat(TaskId.parse(t.idString())).contains(t);
    assertThat(t.appId()).isEqualTo(PathId.of("/prod/web"));
  }

  @Test
  void createdIdsComeFromTheRng() {
    InstanceId a = InstanceId.create(PathId.of("/a"), Rng.seeded(7));
    InstanceId b = InstanceId.create(PathId.of("/a"), Rng.seeded(7));
    assertThat(a).isEqualTo(b);
    assertThat(a.uuid().version()).isEqualTo(4);
    assertThat(a.idString()).startsWith("a.instance-");
    assertThat(InstanceId.parse(a.idString())).contains(a);
  }

  @Test
  void parsesOlderForms() {
    TaskId noIncarnation = TaskId.parse("myapp.instance-564bd685-4c30-11e5-98c1-be5b2935a987._app").orElseThrow();
    assertThat(noIncarnation.incarnation()).isEqualTo(OptionalLong.empty());
    assertThat(noIncarnation.next().incarnation()).hasValue(1);
    TaskId legacy = TaskId.parse("g_myapp.564bd685-4c30-11e5-98c1-be5b2935a987").orElseThrow();
    assertThat(legacy.appId()).isEqualTo(PathId.of("/g/myapp"));
    assertThat(legacy.instanceId().prefix()).isEqualTo(InstanceId.PREFIX_MARATHON);
    assertThat(legacy.idString()).isEqualTo("g_myapp.564bd685-4c30-11e5-98c1-be5b2935a987");
    TaskId marathonPrefix = TaskId.parse("a.marathon-564bd685-4c30-11e5-98c1-be5b2935a987._app.3").orElseThrow();
    assertThat(marathonPrefix.incarnation()).hasValue(3);
    assertThat(TaskId.parse("garbage")).isEmpty();
    assertThat(TaskId.parse("a.instance-not-a-uuid._app.1")).isEmpty();
    assertThat(TaskId.parse("")).isEmpty();
  }

  @Property
  void roundTrips(@ForAll @Size(min = 1, max = 4) List<@AlphaChars @StringLength(min = 1, max = 6) String> segs,
      @ForAll long seed, @ForAll @LongRange(min = 1, max = 1_000_000) long incarnation) {
    PathId app = new PathId(segs.stream().map(String::toLowerCase).toList(), true);
    TaskId t = TaskId.of(InstanceId.create(app, Rng.seeded(seed)), incarnation);
    Optional<TaskId> parsed = TaskId.parse(t.idString());
    assertThat(parsed).contains(t);
    assertThat(parsed.orElseThrow().appId()).isEqualTo(app);
  }
}
