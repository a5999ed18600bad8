package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class PathIdTest {
  @Test
  void parsesCanonicalForm() {
    PathId p = PathId.parse("//a///b/");
    assertThat(p.segments()).containsExactly("a", "b");
    assertThat(p.absolute()).isTrue();
    assertThat(p).hasToString("/a/b");
    assertThat(PathId.parse("a/b").absolute()).isFalse();
    assertThat(PathId.parse("a/b")).hasToString("a/b");
    assertThat(PathId.of("a/b")).isEqualTo(PathId.parse("/a/b"));
    assertThat(PathId.parse("/")).isEqualTo(PathId.ROOT);
  }

  @Test
  void resolvesRelativeIdsAgainstABaseGroup() {
    PathId base = PathId.of("/prod/web");
    assertThat(base.resolve("api")).hasToString("/prod/web/api");
    assertThat(base.resolve("./api")).hasToString("/prod/web/api");
    assertThat(base.resolve("../db")).hasToString("/prod/db");
    assertThat(base.resolve("../../x/./y")).hasToString("/x/y");
    assertThat(base.resolve("../../../../z")).hasToString("/z");
    assertThat(base.resolve("/abs/id")).hasToString("/abs/id");
    assertThat(base.resolve(".")).isEqualTo(base);
  }

  @Test
  void parentChildRootAndAncestors() {
    PathId p = PathId.of("/a/b/c");
    assertThat(p.parent()).hasToString("/a/b");
    assertThat(p.parent().parent().parent()).isEqualTo(PathId.ROOT);
    assertThat(PathId.ROOT.parent()).isEqualTo(PathId.ROOT);
    assertThat(PathId.ROOT.isRoot()).isTrue();
    assertThat(p.isRoot()).isFalse();
    assertThat(PathId.of("/a").isTopLevel()).isTrue();
    assertThat(p.isTopLevel()).isFalse();
    assertThat(PathId.of("/a/b").child("c")).isEqualTo(p);
    assertThat(p.name()).isEqualTo("c");
    assertThat(p.ancestors()).containsExactly(PathId.ROOT, PathId.of("/a"), PathId.of("/a/b"));
    assertThat(PathId.of("/a").includes(p)).isTrue();
    assertThat(PathId.of("/ab").includes(p)).isFalse();
    assertThat(PathId.ROOT.includes(p)).isTrue();
  }

  @Test
  void safeNameJoinsWithUnderscores() {
    assertThat(PathId.of("/a/b").safeName()).isEqualTo("a_b");
    assertThat(PathId.fromSafeName("a_b")).isEqualTo(PathId.of("/a/b"));
    assertThat(PathId.fromSafeName("")).isEqualTo(PathId.ROOT);
  }

  @Test
  void ordersByTextAndValidatesSegments() {
    List<PathId> ids = new java.util.ArrayList<>(List.of(PathId.of("/b"), PathId.of("/a/z"), PathId.of("/a")));
    java.util.Collections.sort(ids);
    assertThat(ids).containsExactly(PathId.of("/a"), PathId.of("/a/z"), PathId.of("/b"));
    assertThat(PathId.SEGMENT.matcher("web-1").matches()).isTrue();
    assertThat(PathId.SEGMENT.matcher("a.b").matches()).isTrue();
    assertThat(PathId.SEGMENT.matcher("-web").matches()).isFalse();
    assertThat(PathId.SEGMENT.matcher("web-").matches()).isFalse();
    assertThat(PathId.SEGMENT.matcher("Web").matches()).isFalse();
    assertThat(PathId.SEGMENT.matcher("a_b").matches()).isFalse();
  }

  @Property
  void safeNameRoundTrips(@ForAll @Size(min = 1, max = 5) List<@AlphaChars @StringLength(min = 1, max = 8) String> segs) {
    PathId p = new PathId(segs.stream().map(String::toLowerCase).toList(), true);
    assertThat(PathId.fromSafeName(p.safeName())).isEqualTo(p);
    assertThat(PathId.of(p.toString())).isEqualTo(p);
  }
}
