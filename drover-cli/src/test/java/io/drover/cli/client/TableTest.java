package io.drover.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test void alignsColumnsAndShowsNullAsDash() {
    StringWriter s = new StringWriter();
    new Table("ID", "N", "NOTE").row("/web", 3, "ok").row("/a-longer-id", null, "").print(new PrintWriter(s, true));
    assertThat(s.toString().lines()).containsExactly(
        "ID            N  NOTE",
        "/web          3  ok",
        "/a-longer-id  -");
  }

  @Test void progressBars() {
    assertThat(Progress.bar(0, 4, 8)).isEqualTo("[........]");
    assertThat(Progress.bar(2, 4, 8)).isEqualTo("[####....]");
    assertThat(Progress.bar(5, 4, 8)).isEqualTo("[########]");
    assertThat(Progress.bar(0, 0, 4)).isEqualTo("[####]");
  }

  @Test void plainProgressPrintsOnlyChangedLines() {
    StringWriter s = new StringWriter();
    Progress p = new Progress(new PrintWriter(s, true), false);
    p.show(java.util.List.of("deployment d step 1/1", "  /a 0/2"));
    p.show(java.util.List.of("deployment d step 1/1", "  /a 0/2"));
    p.show(java.util.List.of("deployment d step 1/1", "  /a 1/2"));
    assertThat(s.toString().lines()).containsExactly("deployment d step 1/1", "  /a 0/2", "  /a 1/2");
  }

  @Test void terminalProgressRedrawsInPlace() {
    StringWriter s = new StringWriter();
    Progress p = new Progress(new PrintWriter(s, true), true);
    p.show(java.util.List.of("a", "b"));
    p.show(java.util.List.of("c"));
    assertThat(s.toString()).isEqualTo("\033[2Ka\n\033[2Kb\n\033[J\033[2F\033[2Kc\n\033[J");
  }

  @Test void numbers() {
    assertThat(Format.number(0.1)).isEqualTo("0.1");
    assertThat(Format.number(32.0)).isEqualTo("32");
  }
}
