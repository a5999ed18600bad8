package io.drover.apps.api.v2;

import io.drover.apps.model.PathId;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code /v2/apps/<rest>}: app ids may hold slashes, but never the reserved segments {@code restart},
 * {@code tasks} and {@code versions} ({@link PathId#RESERVED}), so the first of those ends the id.
 */
record ApiPaths(List<String> idSegments, List<String> suffix) {
  static ApiPaths split(String rest) {
    List<String> segs = new ArrayList<>();
    for (String s : rest.split("/")) {
      if (!s.isEmpty()) segs.add(s);
    }
    for (int i = 0; i < segs.size(); i++) {
      String s = segs.get(i);
      if (s.equals("restart") || s.equals("tasks") || s.equals("versions")) {
        return new ApiPaths(List.copyOf(segs.subList(0, i)), List.copyOf(segs.subList(i, segs.size())));
      }
    }
    return new ApiPaths(List.copyOf(segs), List.of());
  }

  static PathId id(List<String> segments) { return PathId.of("/" + String.join("/", segments)); }

  PathId id() { return id(idSegments); }
}
