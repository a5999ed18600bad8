package io.drover.coord.tree;

import static io.drover.coord.tree.Fixture.S1;
import static io.drover.coord.tree.Fixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.Id;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadsAuthTest {
  final Fixture f = new Fixture();

  @AfterEach
  void noSuper() { Auth.setSuperDigest(null); }

  @Test
  void digestMatchesZooKeeper() throws Exception {
    assertThat(Auth.digest("user:password"))
        .isEqualTo(org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("user:password"));
    assertThat(Auth.authenticate("digest", "bob:pw".getBytes(StandardCharsets.UTF_8), "1.2.3.4"))
        .contains(new Id("digest", Auth.digest("bob:pw")));
    assertThat(Auth.authenticate("ip", new byte[0], "1.2.3.4")).contains(new Id("ip", "1.2.3.4"));
    assertThat(Auth.authenticate("world", new byte[0], "1.2.3.4")).isEmpty();
    assertThat(Auth.authenticate("sasl", new byte[0], "1.2.3.4")).isEmpty();
  }

  @Test
  void ipCidrMatchingV4AndV6() {
    assertThat(Auth.ipMatches("10.1.2.3", "10.0.0.0/8")).isTrue();
    assertThat(Auth.ipMatches("11.1.2.3", "10.0.0.0/8")).isFalse();
    assertThat(Auth.ipMatches("192.168.1.77", "192.168.1.64/26")).isTrue();
    assertThat(Auth.ipMatches("192.168.1.128", "192.168.1.64/26")).isFalse();
    assertThat(Auth.ipMatches("127.0.0.1", "127.0.0.1")).isTrue();
    assertThat(Auth.ipMatches("127.0.0.2", "127.0.0.1")).isFalse();
    assertThat(Auth.ipMatches("1.2.3.4", "0.0.0.0/0")).isTrue();
    assertThat(Auth.ipMatches("1.2.3.4", "1.2.3.4/33")).isFalse();
    assertThat(Auth.ipMatches("0:0:0:0:0:0:0:1", "::1")).isTrue();
    assertThat(Auth.ipMatches("2001:db8:0:0:0:0:0:5", "2001:db8::/32")).isTrue();
    assertThat(Auth.ipMatches("2001:db9:0:0:0:0:0:5", "2001:db8::/32")).isFalse();
    assertThat(Auth.ipMatches("10.0.0.1", "::/0")).isFalse(); // v4 never matches a v6 expression
    assertThat(Auth.isValid("ip", "10.0.0.0/8")).isTrue();
    assertThat(Auth.isValid("ip", "10.0.0/8")).isFalse();
    assertThat(Auth.isValid("ip", "::1/129")).isFalse();
    assertThat(Auth.isValid("digest", "u:h")).isTrue();
    assertThat(Auth.isValid("digest", "u")).isFalse();
  }

  @Test
  void allowedChecksPermsSchemesAndSuper() {
    List<Acl> acl = List.of(new Acl(Acl.READ, new Id("ip", "10.0.0.0/8")), new Acl(Acl.ALL, new Id("digest", Auth.digest("a:b"))));
    List<Id> ip = List.of(new Id("ip", "10.9.9.9"));
    assertThat(Auth.allowed(acl, Acl.READ, ip)).isTrue();
    assertThat(Auth.allowed(acl, Acl.WRITE, ip)).isFalse();
    assertThat(Auth.allowed(acl, Acl.WRITE, List.of(new Id("digest", Auth.digest("a:b"))))).isTrue();
    assertThat(Auth.allowed(acl, Acl.WRITE, List.of(new Id("digest", Auth.digest("a:c"))))).isFalse();
    assertThat(Auth.allowed(List.of(), Acl.WRITE, ip)).isTrue();
    Auth.setSuperDigest(Auth.digest("super:secret"));
    assertThat(Auth.allowed(acl, Acl.WRITE, List.of(new Id("digest", Auth.digest("super:secret"))))).isTrue();
    assertThat(Auth.authenticateAll("digest", "super:secret".getBytes(StandardCharsets.UTF_8), "x"))
        .containsExactly(new Id("super", ""), new Id("digest", Auth.digest("super:secret")));
  }

  @Test
  void readsCheckAclsAndMaskDigestsWithoutAdmin() {
    Id bob = new Id("digest", Auth.digest("bob:pw"));
    f.write(S1, OpCode.CREATE, new Request.Create("/sec", "s".getBytes(StandardCharsets.UTF_8),
        List.of(new Acl(Acl.ALL, bob), new Acl(Acl.READ, Id.ANYONE)), 0));
    f.write(S1, OpCode.CREATE, new Request.Create("/hidden", null, List.of(new Acl(Acl.ALL, bob)), 0));
    ReadResult acl = f.reads.read(OpCode.GET_ACL, new Request.GetAcl("/sec"), S1);
    assertThat(((Response.GetAcl) acl.body()).acl().get(0).id()).isEqualTo(new Id("digest", "bob:x"));
    Session asBob = Fixture.session(3, 3, bob);
    assertThat(((Response.GetAcl) f.reads.read(OpCode.GET_ACL, new Request.GetAcl("/sec"), asBob).body()).acl().get(0).id()).isEqualTo(bob);
    assertThat(f.reads.read(OpCode.GET_DATA, new Request.GetData("/hidden", false), S1).err()).isEqualTo(Code.NOAUTH);
    assertThat(f.reads.read(OpCode.EXISTS, new Request.Exists("/hidden", false), S1).err()).isEqualTo(Code.NOAUTH);
    assertThat(f.reads.read(OpCode.GET_CHILDREN2, new Request.GetChildren("/hidden", false), S1).err()).isEqualTo(Code.NOAUTH);
    assertThat(f.reads.read(OpCode.GET_ACL, new Request.GetAcl("/hidden"), S1).err()).isEqualTo(Code.NOAUTH);
    assertThat(f.reads.read(OpCode.GET_DATA, new Request.GetData("/hidden", false), asBob).err()).isEqualTo(Code.OK);
    assertThat(f.reads.read(OpCode.GET_DATA, new Request.GetData("/zookeeper/config", false), S1).err()).isEqualTo(Code.OK);
    assertThat(f.reads.read(OpCode.EXISTS, new Request.Exists("/a\u0000", false), S1).err()).isEqualTo(Code.BADARGUMENTS);
  }

  @Test
  void childrenEphemeralsCountsMultiReadWhoAmIAndSync() {
    ReadResult root = f.reads.read(OpCode.GET_CHILDREN, new Request.GetChildren("/", false), S1);
    assertThat(root.body()).isEqualTo(new Response.GetChildren(List.of("zookeeper")));
    assertThat(((Response.AllChildrenNumber) f.reads.read(OpCode.GET_ALL_CHILDREN_NUMBER, new Request.GetAllChildrenNumber("/"), S1).body())
        .totalNumber()).isEqualTo(3);
    Session s = Fixture.session(4);
    f.create(s, "/b", "", 1);
    f.create(s, "/a", "", 1);
    f.create("/p", "");
    f.create(s, "/p/e", "", 1);
    assertThat(f.reads.read(OpCode.GET_EPHEMERALS, new Request.GetEphemerals("/"), s).body()).isEqualTo(new Response.Ephemerals(List.of("/a", "/b", "/p/e")));
    assertThat(f.reads.read(OpCode.GET_EPHEMERALS, new Request.GetEphemerals("/p"), s).body()).isEqualTo(new Response.Ephemerals(List.of("/p/e")));
    assertThat(((Response.AllChildrenNumber) f.reads.read(OpCode.GET_ALL_CHILDREN_NUMBER, new Request.GetAllChildrenNumber("/p"), S1).body())
        .totalNumber()).isEqualTo(1);
    Response.GetChildren2 c2 = (Response.GetChildren2) f.reads.read(OpCode.GET_CHILDREN2, new Request.GetChildren("/", false), S1).body();
    assertThat(c2.children()).containsExactly("a", "b", "p", "zookeeper");
    assertThat(c2.stat().numChildren()).isEqualTo(4);
    ReadResult mr = f.reads.read(OpCode.MULTI_READ, new Request.Multi(List.of(
        op(OpCode.GET_DATA, new Request.GetData("/p", false)), op(OpCode.GET_CHILDREN, new Request.GetChildren("/nope", false)))), S1);
    List<Response.OpResult> res = ((Response.Multi) mr.body()).results();
    assertThat(res.get(0).type()).isEqualTo(OpCode.GET_DATA);
    assertThat(res.get(1)).isEqualTo(new Response.OpResult(-1, -101, new Response.Error(-101)));
    ReadResult who = f.reads.read(OpCode.WHO_AM_I, new Request.Empty(), Fixture.session(5, 5, new Id("digest", Auth.digest("bob:pw"))));
    assertThat(((Response.WhoAmI) who.body()).clientInfo())
        .containsExactly(new Response.ClientInfo("ip", "127.0.0.1"), new Response.ClientInfo("digest", "bob"));
    assertThat(f.reads.read(OpCode.SYNC, new Request.Sync("/p"), S1).body()).isEqualTo(new Response.Sync("/p"));
    assertThat(f.reads.read(OpCode.GET_DATA, new Request.Sync("/p"), S1).err()).isEqualTo(Code.MARSHALLINGERROR);
    assertThat(f.reads.read(OpCode.SASL, new Request.Empty(), S1).err()).isEqualTo(Code.UNIMPLEMENTED);
  }
}
