package io.drover.common.arch.impure_fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class ReadsFiles {
  String read(Path p) throws IOException { return Files.readString(p); }
}
