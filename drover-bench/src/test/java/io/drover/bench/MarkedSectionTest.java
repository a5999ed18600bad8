package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedSectionTest {
  private static final String S = MarkedSection.START;
  private static final String E = MarkedSection.END;

  @Test void replacesOnlyTheTextBetweenTheMarkers() {
    String doc = "# Title\nintro\n" + S + "\nold\nresults\n" + E + "\nfooter\n";
    assertThat(MarkedSection.replace(doc, S, E, "new"))
        .isEqualTo("# Title\nintro\n" + S + "\nnew\n" + E + "\nfooter\n");
  }

  @Test void isIdempotentForTheSameBody() {
    String once = MarkedSection.replace("intro\n", S, E, "body\n");
    assertThat(MarkedSection.replace(once, S, E, "body\n")).isEqualTo(once);
  }

  @Test void appendsTheMarkedBlockWhenTheDocumentHasNone() {
    assertThat(MarkedSection.replace("intro\n", S, E, "body")).isEqualTo("intro\n\n" + S + "\nbody\n" + E + "\n");
    assertThat(MarkedSection.replace("", S, E, "body")).isEqualTo(S + "\nbody\n" + E + "\n");
  }

  @Test void refusesAStartMarkerWithoutAnEnd() {
    assertThatThrownBy(() -> MarkedSection.replace("a\n" + S + "\nb\n", S, E, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(E);
  }
}
