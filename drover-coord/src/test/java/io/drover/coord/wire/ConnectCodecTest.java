package io.drover.coord.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConnectCodecTest {
  private static final byte[] PASSWD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  private static org.apache.zookeeper.proto.ConnectRequest zkRequest(boolean readOnly) {
    return new org.apache.zookeeper.proto.ConnectRequest(0, 0x55L, 30_000, 0x1234L, PASSWD, readOnly);
  }

  @Test
  void decodesTheJavaClientsRequestWithReadOnlyByte() {
    byte[] frame = Zk.bytes(zkRequest(true));
    ConnectRequest r = ConnectCodec.decodeRequest(frame);
    assertThat(r.protocolVersion()).isZero();
    assertThat(r.lastZxidSeen()).isEqualTo(0x55L);
    assertThat(r.timeOut()).isEqualTo(30_000);
    assertThat(r.sessionId()).isEqualTo(0x1234L);
    assertThat(r.passwd()).isEqualTo(PASSWD);
    assertThat(r.readOnly()).isTrue();
    assertThat(r.readOnlyPresent()).isTrue();
    assertThat(ConnectCodec.encodeRequest(r)).isEqualTo(frame);
  }

  @Test
  void decodesAnOldClientsRequestWithoutReadOnlyByte() {
    byte[] full = Zk.bytes(zkRequest(false));
    byte[] old = Arrays.copyOf(full, full.length - 1);
    ConnectRequest r = ConnectCodec.decodeRequest(old);
    assertThat(r.readOnlyPresent()).isFalse();
    assertThat(r.readOnly()).isFalse();
    assertThat(r.passwd()).isEqualTo(PASSWD);
    assertThat(ConnectCodec.encodeRequest(r)).isEqualTo(old);
  }

  @Test
  void literalNewSessionRequest() {
    byte[] frame = hex("00000000" + "0000000000000000" + "00007530" + "0000000000000000" + "00000010"
        + "00000000000000000000000000000000" + "00");
    ConnectRequest r = ConnectCodec.decodeRequest(frame);
    assertThat(r.timeOut()).isEqualTo(30_000);
    assertThat(r.sessionId()).isZero();
    assertThat(r.passwd()).hasSize(16).containsOnly(0);
    assertThat(r.readOnlyPresent()).isTrue();
    assertThat(r.readOnly()).isFalse();
  }

  @Test
  void acceptsANullPassword() {
    byte[] frame = Zk.bytes(new org.apache.zookeeper.proto.ConnectRequest(0, 0, 4000, 0, null, false));
    assertThat(frame).hasSize(29);
    assertThat(ConnectCodec.decodeRequest(frame).passwd()).isNull();
    assertThat(ConnectCodec.decodeRequest(Arrays.copyOf(frame, 28)).readOnlyPresent()).isFalse();
  }

  @Test
  void rejectsEveryLengthButTheKnownLayouts() {
    byte[] full = Zk.bytes(zkRequest(true));
    for (int len = 0; len <= full.length + 3; len++) {
      byte[] frame = Arrays.copyOf(full, len);
      if (len == full.length || len == full.length - 1) {
        assertThat(ConnectCodec.decodeRequest(frame).sessionId()).isEqualTo(0x1234L);
      } else {
        assertThatThrownBy(() -> ConnectCodec.decodeRequest(frame)).isInstanceOf(MalformedFrameException.class);
      }
    }
  }

  @Test
  void rejectsAHugePasswordLength() {
    byte[] frame = Zk.bytes(zkRequest(true));
    frame[24] = 0x7f; // passwd length 0x7f000010
    assertThatThrownBy(() -> ConnectCodec.decodeRequest(frame)).isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void encodesTheResponseAsZooKeeperDoesWithAndWithoutReadOnly() {
    ConnectResponse with = new ConnectResponse(0, 20_000, 0x0100017f00000001L, PASSWD, true, true);
    byte[] zkWith = Zk.bytes(new org.apache.zookeeper.proto.ConnectResponse(0, 20_000, 0x0100017f00000001L, PASSWD, true));
    assertThat(ConnectCodec.encodeResponse(with)).isEqualTo(zkWith);

    ConnectResponse without = new ConnectResponse(0, 20_000, 0x0100017f00000001L, PASSWD, false, false);
    assertThat(ConnectCodec.encodeResponse(without)).isEqualTo(Arrays.copyOf(zkWith, zkWith.length - 1));

    ConnectResponse back = ConnectCodec.decodeResponse(zkWith);
    assertThat(back).usingRecursiveComparison().isEqualTo(with);
    assertThat(ConnectCodec.decodeResponse(ConnectCodec.encodeResponse(without))).usingRecursiveComparison().isEqualTo(without);
  }

  @Test
  void literalExpiredSessionResponse() {
    ConnectResponse expired = new ConnectResponse(0, 0, 0, new byte[16], false, true);
    assertThat(ConnectCodec.encodeResponse(expired)).isEqualTo(hex("00000000" + "00000000" + "0000000000000000"
        + "00000010" + "00000000000000000000000000000000" + "00"));
  }

  @Test
  void responseFrameCarriesTheLengthPrefixAndAppends() {
    ConnectResponse r = new ConnectResponse(0, 6000, 42, PASSWD, false, true);
    JuteOutput out = new JuteOutput();
    out.writeRaw(new byte[] {9, 9});
    ConnectCodec.writeResponseFrame(out, r);
    byte[] payload = ConnectCodec.encodeResponse(r);
    assertThat(Arrays.copyOfRange(out.array(), 2, out.size())).isEqualTo(Frames.withLengthPrefix(payload));
    assertThat(Frames.withLengthPrefix(payload)).startsWith(0, 0, 0, payload.length);
  }

  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return out;
  }
}
