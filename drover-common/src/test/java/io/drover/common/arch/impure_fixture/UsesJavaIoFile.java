package io.drover.common.arch.impure_fixture;

public final class UsesJavaIoFile {
  boolean exists(String name) { return new java.io.File(name).exists(); }
}
