package io.drover.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsTest {
  @TempDir Path dir;

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test void readsADashFromStdinAndAPathFromTheFile() throws Exception {
    assertThat(Definitions.readObject("-", "an app definition", stdin("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}"))
        .path("id").asText()).isEqualTo("/a");
    Path file = Files.writeString(dir.resolve("b.json"), "{\"id\": \"/b\"}");
    assertThat(Definitions.readObject(file.toString(), "an app definition", stdin("{\"id\": \"/not-me\"}"))
        .path("id").asText()).isEqualTo("/b");
  }

  @Test void badInputNamesTheSourceAndWhatToDo() {
    assertThatThrownBy(() -> Definitions.readObject("-", "an app definition", stdin("")))
        .hasMessage("stdin is empty; it must hold an app definition");
    assertThatThrownBy(() -> Definitions.readObject("-", "an app definition", stdin("{\"id\": ")))
        .hasMessageStartingWith("stdin is not valid JSON: ").hasMessageContaining("(line 1, column");
    assertThatThrownBy(() -> Definitions.readObject("-", "an app definition", stdin("[{\"id\": \"/a\"}]")))
        .hasMessageContaining("stdin holds a JSON array").hasMessageContaining("drover group add");
    assertThatThrownBy(() -> Definitions.readObject("-", "an app definition", stdin("42")))
        .hasMessage("stdin must hold an app definition (a JSON object)");
    assertThatThrownBy(() -> Definitions.readObject(dir.resolve("nope.json").toString(), "a group definition",
        stdin(""))).hasMessageContaining("no file ").hasMessageContaining("or - for stdin");
  }
}
