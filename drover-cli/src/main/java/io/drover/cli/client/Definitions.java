package io.drover.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON definition (an app, a group, an update) from a file or, for {@code -}, from stdin. */
final class Definitions {
  private Definitions() {}

  /** The JSON object in {@code file}; {@code what} names it for messages ("an app definition"). */
  static JsonNode readObject(String file, String what, InputStream stdin) {
    String text;
    String name = file.equals("-") ? "stdin" : file;
    try {
      text = file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException("no file " + file + " (give the path of a JSON file with " + what + ", or - for stdin)");
    } catch (IOException e) {
      throw new CliException("cannot read " + name + ": " + e.getMessage());
    }
    JsonNode node;
    try {
      node = Api.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliException(name + " is not valid JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || node.isMissingNode()) throw new CliException(name + " is empty; it must hold " + what);
    if (node.isArray()) {
      throw new CliException(name + " holds a JSON array, but this command takes " + what
          + " (one JSON object). Add the apps one at a time, or put them in a group and use drover group add.");
    }
    if (!node.isObject()) throw new CliException(name + " must hold " + what + " (a JSON object)");
    return node;
  }
}
