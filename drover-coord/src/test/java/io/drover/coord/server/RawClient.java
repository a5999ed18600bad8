package io.drover.coord.server;

import io.drover.coord.wire.ConnectCodec;
import io.drover.coord.wire.ConnectRequest;
import io.drover.coord.wire.ConnectResponse;
import io.drover.coord.wire.Frames;
import io.drover.coord.wire.RequestCodec;
import io.drover.coord.wire.RequestPacket;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A client that speaks the wire protocol byte by byte, so tests can send what real clients never would. */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  ConnectResponse connect(long sessionId, byte[] password, int timeoutMs, long lastZxidSeen) throws IOException {
    sendFrame(ConnectCodec.encodeRequest(new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password, false, true)));
    return ConnectCodec.decodeResponse(readFrame());
  }

  void send(RequestPacket packet) throws IOException { sendFrame(RequestCodec.encode(packet)); }

  void sendFrame(byte[] payload) throws IOException { sendRaw(Frames.withLengthPrefix(payload)); }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  byte[] readFrame() throws IOException {
    int len = in.readInt();
    byte[] frame = new byte[len];
    in.readFully(frame);
    return frame;
  }

  /** True once the server has closed the connection (EOF or reset), waiting up to the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        if (in.read() == -1) return true;
      }
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override public void close() throws IOException { socket.close(); }
}
