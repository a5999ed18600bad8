package io.drover.coord.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The decoders face bytes from the network and the disk: whatever they get, they either decode or throw
 * {@link MalformedFrameException} (never another exception, never an OutOfMemoryError from a forged length),
 * and valid values survive encode then decode unchanged.
 */
class FrameDecoderFuzzTest {
  private static final Set<Integer> KNOWN_REQUEST_OPS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 17, 18, 19, 21,
      22, 100, 101, 103, 104, 105, 106, 107, -11);

  // ---- robustness --------------------------------------------------------------------------------------

  @Property(tries = 10_000)
  void arbitraryBytesDecodeOrAreMalformed(@ForAll @Size(max = 96) byte[] frame) {
    decodeEverywhere(frame);
  }

  /** Random bodies behind a well-formed header reach every body decoder, not just the header check. */
  @Property(tries = 5_000)
  void arbitraryBodiesOfKnownOpcodesDecodeOrAreMalformed(@ForAll("knownOpCodes") int opCode,
                                                        @ForAll @Size(max = 96) byte[] body) {
    JuteOutput out = new JuteOutput().writeInt(1).writeInt(opCode).writeRaw(body);
    decodeEverywhere(out.toByteArray());
  }

  @Property(tries = 10_000)
  void mutatedValidFramesDecodeOrAreMalformed(@ForAll("validFrames") byte[] frame,
                                              @ForAll("mutations") List<Mutation> mutations) {
    byte[] mutated = frame;
    for (Mutation m : mutations) mutated = m.apply(mutated);
    decodeEverywhere(mutated);
  }

  private static void decodeEverywhere(byte[] frame) {
    decodeOrMalformed("ConnectCodec.decodeRequest", frame, ConnectCodec::decodeRequest);
    decodeOrMalformed("RequestCodec.decode", frame, RequestCodec::decode);
    decodeOrMalformed("TxnCodec.decode", frame, TxnCodec::decode);
  }

  private static void decodeOrMalformed(String decoder, byte[] frame, Function<byte[], ?> decode) {
    try {
      assertThat(decode.apply(frame)).isNotNull();
    } catch (MalformedFrameException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Throwable t) { // deliberately wide: OutOfMemoryError and any RuntimeException are the bugs sought
      fail(decoder + " threw " + t + " on " + Arrays.toString(frame), t);
    }
  }

  // ---- round trips -------------------------------------------------------------------------------------

  @Property(tries = 3_000)
  void requestsRoundTrip(@ForAll("requests") RequestPacket p) {
    byte[] bytes = RequestCodec.encode(p);
    RequestPacket back = RequestCodec.decode(bytes);
    assertThat(back).usingRecursiveComparison().isEqualTo(p);
    assertThat(RequestCodec.encode(back)).isEqualTo(bytes);
  }

  @Property(tries = 2_000)
  void txnsRoundTrip(@ForAll("txnHeaders") long clientId, @ForAll("txns") Txn t) {
    TxnHeader h = new TxnHeader(clientId, (int) clientId, clientId ^ 0x5555L, clientId >>> 3, t.type());
    byte[] bytes = TxnCodec.encode(h, t);
    assertThat(TxnCodec.decode(bytes)).usingRecursiveComparison().isEqualTo(new TxnCodec.Decoded(h, t));
  }

  @Property(tries = 1_000)
  void connectRequestsRoundTrip(@ForAll("connectRequests") ConnectRequest r) {
    assertThat(ConnectCodec.decodeRequest(ConnectCodec.encodeRequest(r))).usingRecursiveComparison().isEqualTo(r);
  }

  // ---- generators --------------------------------------------------------------------------------------

  @Provide
  Arbitrary<Integer> knownOpCodes() { return Arbitraries.of(KNOWN_REQUEST_OPS.stream().toList()); }

  @Provide
  Arbitrary<Long> txnHeaders() { return Arbitraries.longs(); }

  /** A mutation applied at {@code at % (length + 1)}. */
  record Mutation(int kind, int at, int value) {
    byte[] apply(byte[] f) {
      int i = Math.floorMod(at, f.length + 1);
      return switch (kind) {
        case 0 -> { // flip one bit
          if (f.length == 0) yield f;
          byte[] g = f.clone();
          g[Math.min(i, f.length - 1)] ^= (byte) (1 << (value & 7));
          yield g;
        }
        case 1 -> Arrays.copyOf(f, i); // truncate
        case 2 -> { // overwrite 4 bytes with a forged length or count
          byte[] g = Arrays.copyOf(f, Math.max(f.length, i + 4));
          g[i] = (byte) (value >>> 24); g[i + 1] = (byte) (value >>> 16); g[i + 2] = (byte) (value >>> 8); g[i + 3] = (byte) value;
          yield g;
        }
        case 3 -> { // insert a byte
          byte[] g = new byte[f.length + 1];
          System.arraycopy(f, 0, g, 0, i);
          g[i] = (byte) value;
          System.arraycopy(f, i, g, i + 1, f.length - i);
          yield g;
        }
        default -> { // delete a byte
          if (i >= f.length) yield f;
          byte[] g = new byte[f.length - 1];
          System.arraycopy(f, 0, g, 0, i);
          System.arraycopy(f, i + 1, g, i, f.length - i - 1);
          yield g;
        }
      };
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Integer> values = Arbitraries.oneOf(
        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0, 1 << 20, 0x7fffffff - 3, 0xfffff),
        Arbitraries.integers());
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0), values)
        .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<byte[]> validFrames() {
    return Arbitraries.oneOf(
        requests().map(RequestCodec::encode),
        txns().map(t -> TxnCodec.encode(new TxnHeader(7, 1, 2, 3, t.type()), t)),
        connectRequests().map(ConnectCodec::encodeRequest));
  }

  private static Arbitrary<String> paths() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('/', '.', '-', 'é', '中').ofMaxLength(12).injectNull(0.03);
  }

  private static Arbitrary<byte[]> data() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.05);
  }

  private static Arbitrary<List<Acl>> acls() {
    Arbitrary<Acl> acl = Combinators.combine(Arbitraries.integers().between(0, 31), paths(), paths())
        .as((perms, scheme, id) -> new Acl(perms, new Id(scheme, id)));
    return acl.list().ofMaxSize(3).injectNull(0.03);
  }

  private static Arbitrary<List<String>> pathLists() { return paths().list().ofMaxSize(3).injectNull(0.03); }

  private static Arbitrary<Request.Op> op(int[] opCodes, Arbitrary<? extends Request> body) {
    return Combinators.combine(Arbitraries.of(Arrays.stream(opCodes).boxed().toList()), body).as(Request.Op::new);
  }

  private static Arbitrary<Request.Create> creates() {
    return Combinators.combine(paths(), data(), acls(), Arbitraries.integers().between(-1, 7)).as(Request.Create::new);
  }

  private static Arbitrary<Request.CreateTtl> createTtls() {
    return Combinators.combine(paths(), data(), acls(), Arbitraries.integers().between(-1, 7), Arbitraries.longs())
        .as(Request.CreateTtl::new);
  }

  private static Arbitrary<Boolean> bools() { return Arbitraries.of(true, false); }

  /** The ops a multi may hold, each with its matching body. */
  private static Arbitrary<Request.Op> multiOps() {
    return Arbitraries.oneOf(
        op(new int[] {1, 15, 19}, creates()),
        op(new int[] {21}, createTtls()),
        op(new int[] {2}, Combinators.combine(paths(), Arbitraries.integers()).as(Request.Delete::new)),
        op(new int[] {5}, Combinators.combine(paths(), data(), Arbitraries.integers()).as(Request.SetData::new)),
        op(new int[] {13}, Combinators.combine(paths(), Arbitraries.integers()).as(Request.CheckVersion::new)),
        op(new int[] {8}, Combinators.combine(paths(), bools()).as(Request.GetChildren::new)),
        op(new int[] {4}, Combinators.combine(paths(), bools()).as(Request.GetData::new)));
  }

  @Provide
  Arbitrary<RequestPacket> requests() {
    Arbitrary<Request.Op> bodies = Arbitraries.oneOf(
        multiOps(),
        op(new int[] {3}, Combinators.combine(paths(), bools()).as(Request.Exists::new)),
        op(new int[] {6}, paths().map(Request.GetAcl::new)),
        op(new int[] {7}, Combinators.combine(paths(), acls(), Arbitraries.integers()).as(Request.SetAcl::new)),
        op(new int[] {12}, Combinators.combine(paths(), bools()).as(Request.GetChildren::new)),
        op(new int[] {9}, paths().map(Request.Sync::new)),
        op(new int[] {14, 22}, multiOps().list().ofMaxSize(5).map(Request.Multi::new)),
        op(new int[] {17, 18}, Combinators.combine(paths(), Arbitraries.integers()).as(Request.WatchesOf::new)),
        op(new int[] {101}, Combinators.combine(Arbitraries.longs(), pathLists(), pathLists(), pathLists())
            .as((z, d, e, c) -> new Request.SetWatches(z, d, e, c, List.of(), List.of()))),
        op(new int[] {105}, Combinators.combine(Arbitraries.longs(), pathLists(), pathLists(), pathLists(), pathLists(), pathLists())
            .as(Request.SetWatches::new)),
        op(new int[] {103}, paths().map(Request.GetEphemerals::new)),
        op(new int[] {104}, paths().map(Request.GetAllChildrenNumber::new)),
        op(new int[] {106}, Combinators.combine(paths(), Arbitraries.integers()).as(Request.AddWatch::new)),
        op(new int[] {100}, Combinators.combine(Arbitraries.integers(), paths(), data()).as(Request.Auth::new)),
        Combinators.combine(
            Arbitraries.oneOf(Arbitraries.of(11, -11, 107, 16, 102, 20, 0, -10), Arbitraries.integers())
                .filter(o -> !KNOWN_REQUEST_OPS.contains(o) || o == 11 || o == -11 || o == 107),
            Arbitraries.just(new Request.Empty())).as(Request.Op::new));
    return Combinators.combine(Arbitraries.integers(), bodies).as((xid, o) -> new RequestPacket(xid, o.type(), o.body()));
  }

  private static Arbitrary<Txn> multiSubTxns() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of(1, 15), paths(), data(), acls(), bools(), Arbitraries.integers()).as(Txn.Create::new),
        Combinators.combine(paths(), data(), acls(), Arbitraries.integers()).as(Txn.CreateContainer::new),
        Combinators.combine(paths(), data(), acls(), Arbitraries.integers(), Arbitraries.longs()).as(Txn.CreateTtl::new),
        Combinators.combine(Arbitraries.of(2, 20), paths()).as(Txn.Delete::new),
        Combinators.combine(paths(), data(), Arbitraries.integers()).as(Txn.SetData::new),
        Combinators.combine(paths(), Arbitraries.integers()).as(Txn.CheckVersion::new),
        Arbitraries.integers().map(Txn.Error::new));
  }

  @Provide
  Arbitrary<Txn> txns() {
    return Arbitraries.oneOf(
        multiSubTxns(),
        Combinators.combine(paths(), acls(), Arbitraries.integers()).as(Txn.SetAcl::new),
        multiSubTxns().list().ofMaxSize(5).injectNull(0.03).map(Txn.Multi::new),
        Arbitraries.integers().map(Txn.CreateSession::new),
        pathLists().map(Txn.CloseSession::new));
  }

  @Provide
  Arbitrary<ConnectRequest> connectRequests() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.longs(), Arbitraries.integers(), Arbitraries.longs(), data(),
        bools(), bools()).as((v, z, t, s, pw, ro, present) -> new ConnectRequest(v, z, t, s, pw, ro && present, present));
  }
}
