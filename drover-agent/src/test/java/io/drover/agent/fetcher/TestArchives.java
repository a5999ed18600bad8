package io.drover.agent.fetcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds archives in memory for the fetcher tests: entries are (name, mode, content); a null content is a dir. */
public final class TestArchives {
  private TestArchives() {}

  /** An entry; {@code content == null} makes a directory. */
  public record Entry(String name, int mode, String content) {}

  public static Entry file(String name, int mode, String content) {
    return new Entry(name, mode, content);
  }

  public static Entry dir(String name) {
    return new Entry(name, 0755, null);
  }

  public enum Compression { NONE, GZIP, BZIP2, XZ }

  public static byte[] tar(Compression c, Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream compressed = switch (c) {
           case NONE -> bytes;
           case GZIP -> new GZIPOutputStream(bytes);
           case BZIP2 -> new BZip2CompressorOutputStream(bytes);
           case XZ -> new XZCompressorOutputStream(bytes);
         };
         TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
      for (Entry e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.name(), e.content() == null
            ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL, true);
        te.setMode((e.content() == null ? 040000 : 0100000) | e.mode());
        byte[] data = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
        te.setSize(data.length);
        tar.putArchiveEntry(te);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public static byte[] zip(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Entry e : entries) {
        ZipArchiveEntry ze = new ZipArchiveEntry(e.content() == null ? e.name() + "/" : e.name());
        ze.setUnixMode((e.content() == null ? 040000 : 0100000) | e.mode());
        zip.putArchiveEntry(ze);
        if (e.content() != null) {
          zip.write(e.content().getBytes(StandardCharsets.UTF_8));
        }
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
