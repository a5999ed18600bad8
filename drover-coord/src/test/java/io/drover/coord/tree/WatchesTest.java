package io.drover.coord.tree;

import static io.drover.coord.tree.Fixture.S1;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.wire.Code;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.WatcherEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchesTest {
  final Fixture f = new Fixture();
  final Session a = Fixture.session(11, 100);
  final Session b = Fixture.session(12, 200);

  private static List<String> events(ApplyResult r) {
    return r.deliveries().stream().map(d -> d.watcherId() + ":" + d.event().type() + ":" + d.event().path()).toList();
  }

  private void read(int op, Request req, Session s) { f.reads.read(op, req, s); }

  @Test
  void createFiresNodeCreatedAndParentChildrenChanged() {
    read(OpCode.EXISTS, new Request.Exists("/n", true), a); // exists on a missing node sets the watch
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/", true), b);
    ApplyResult r = f.create("/n", "");
    assertThat(events(r)).containsExactly("100:1:/n", "200:4:/");
    assertThat(r.deliveries()).allSatisfy(d -> {
      assertThat(d.zxid()).isEqualTo(f.zxid);
      assertThat(d.event().state()).isEqualTo(WatcherEvent.STATE_SYNC_CONNECTED);
    });
    // One-shot: nothing fires again.
    assertThat(f.setData("/n", "x", -1).deliveries()).isEmpty();
  }

  @Test
  void deleteNotifiesDataAndChildWatchersOnceEach() {
    f.create("/d", "");
    read(OpCode.GET_DATA, new Request.GetData("/d", true), a);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/d", true), a); // same watcher: deduplicated
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/d", true), b);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/", true), b);
    ApplyResult r = f.delete("/d", -1);
    assertThat(events(r)).containsExactly("100:2:/d", "200:2:/d", "200:4:/");
    assertThat(f.tree.watches().watchCount()).isZero();
  }

  @Test
  void setDataFiresDataWatchesOnly() {
    f.create("/s", "");
    read(OpCode.GET_DATA, new Request.GetData("/s", true), a);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/s", true), b);
    assertThat(events(f.setData("/s", "1", -1))).containsExactly("100:3:/s");
    assertThat(f.tree.watches().contains("/s", 200, WatchManager.TYPE_CHILDREN)).isTrue();
  }

  @Test
  void persistentWatchStaysAndSeesChildrenChanges() {
    f.create("/p", "");
    assertThat(f.reads.read(OpCode.ADD_WATCH, new Request.AddWatch("/p", 0), a).err()).isEqualTo(Code.OK);
    assertThat(events(f.setData("/p", "1", -1))).containsExactly("100:3:/p");
    assertThat(events(f.create("/p/c", ""))).containsExactly("100:4:/p");
    assertThat(events(f.create("/p/c/g", ""))).isEmpty(); // not recursive
    assertThat(events(f.setData("/p", "2", -1))).containsExactly("100:3:/p");
    assertThat(f.tree.watches().contains("/p", 100, WatchManager.TYPE_PERSISTENT)).isTrue();
    assertThat(f.tree.watches().remove("/p", 100, WatchManager.TYPE_PERSISTENT)).isTrue();
    assertThat(f.tree.watches().remove("/p", 100, WatchManager.TYPE_PERSISTENT)).isFalse();
    assertThat(events(f.setData("/p", "3", -1))).isEmpty();
  }

  @Test
  void recursiveWatchSeesDescendantsButNeverChildrenChanged() {
    f.create("/r", "");
    f.reads.read(OpCode.ADD_WATCH, new Request.AddWatch("/r", 1), a);
    assertThat(events(f.create("/r/c", ""))).containsExactly("100:1:/r/c");
    assertThat(events(f.create("/r/c/g", ""))).containsExactly("100:1:/r/c/g");
    assertThat(events(f.setData("/r/c/g", "x", -1))).containsExactly("100:3:/r/c/g");
    assertThat(events(f.delete("/r/c/g", -1))).containsExactly("100:2:/r/c/g");
    assertThat(events(f.setData("/r", "x", -1))).containsExactly("100:3:/r");
    assertThat(events(f.create("/other", ""))).isEmpty();
    assertThat(f.tree.watches().contains("/r", 100, WatchManager.TYPE_RECURSIVE)).isTrue();
    assertThat(f.tree.watches().contains("/r", 100, WatchManager.TYPE_PERSISTENT)).isFalse();
  }

  @Test
  void standardAndPersistentOnTheSamePathFireOnce() {
    f.create("/x", "");
    f.reads.read(OpCode.ADD_WATCH, new Request.AddWatch("/x", 0), a);
    read(OpCode.GET_DATA, new Request.GetData("/x", true), a);
    assertThat(events(f.setData("/x", "1", -1))).containsExactly("100:3:/x");
    assertThat(f.tree.watches().contains("/x", 100, WatchManager.TYPE_DATA)).isFalse();
    assertThat(f.tree.watches().contains("/x", 100, WatchManager.TYPE_PERSISTENT)).isTrue();
  }

  @Test
  void checkAndRemoveWatchesAnswerNoWatcher() {
    f.create("/w", "");
    read(OpCode.GET_DATA, new Request.GetData("/w", true), a);
    assertThat(f.reads.read(OpCode.CHECK_WATCHES, new Request.WatchesOf("/w", 2), a).err()).isEqualTo(Code.OK);
    assertThat(f.reads.read(OpCode.CHECK_WATCHES, new Request.WatchesOf("/w", 1), a).err()).isEqualTo(Code.NOWATCHER);
    assertThat(f.reads.read(OpCode.CHECK_WATCHES, new Request.WatchesOf("/w", 3), a).err()).isEqualTo(Code.OK);
    assertThat(f.reads.read(OpCode.REMOVE_WATCHES, new Request.WatchesOf("/w", 3), a).err()).isEqualTo(Code.OK);
    assertThat(f.reads.read(OpCode.REMOVE_WATCHES, new Request.WatchesOf("/w", 3), a).err()).isEqualTo(Code.NOWATCHER);
    assertThat(f.reads.read(OpCode.REMOVE_WATCHES, new Request.WatchesOf("/w", 9), a).err()).isEqualTo(Code.MARSHALLINGERROR);
  }

  @Test
  void removeWatcherDropsEverythingOfAConnection() {
    f.create("/w", "");
    read(OpCode.GET_DATA, new Request.GetData("/w", true), a);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/w", true), a);
    f.reads.read(OpCode.ADD_WATCH, new Request.AddWatch("/", 1), a);
    read(OpCode.GET_DATA, new Request.GetData("/w", true), b);
    WatchManager w = f.tree.watches();
    assertThat(w.watchCount()).isEqualTo(4);
    assertThat(w.watcherCount()).isEqualTo(2);
    assertThat(w.watchedPathCount()).isEqualTo(2);
    assertThat(w.byWatcher().get(100L)).containsExactlyInAnyOrder("/w", "/");
    w.removeWatcher(100);
    assertThat(w.watchCount()).isEqualTo(1);
    assertThat(events(f.setData("/w", "1", -1))).containsExactly("200:3:/w");
  }

  @Test
  void closeSessionFiresDeletesOfEphemerals() {
    f.create(Fixture.session(5), "/e", "", 1);
    read(OpCode.EXISTS, new Request.Exists("/e", true), a);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/", true), b);
    assertThat(events(f.closeSession(5))).containsExactly("100:2:/e", "200:4:/");
  }

  @Test
  void setWatchesReportsMissedEventsAndRegistersTheRest() {
    f.create("/same", "");
    f.create("/changed", "");
    f.create("/kids", "");
    long rel = f.zxid;
    f.setData("/changed", "x", -1);
    f.create("/kids/k", "");
    f.create("/born", "");
    List<Delivery> out = f.reads.setWatches(new Request.SetWatches(rel,
        List.of("/same", "/changed", "/gone"), List.of("/born", "/unborn"), List.of("/kids", "/same", "/gone"),
        List.of("/p"), List.of("/r")), 100);
    assertThat(out.stream().map(d -> d.event().type() + ":" + d.event().path()).toList())
        .containsExactly("3:/changed", "2:/gone", "1:/born", "4:/kids", "2:/gone");
    assertThat(out).allSatisfy(d -> assertThat(d.zxid()).isEqualTo(-1));
    WatchManager w = f.tree.watches();
    assertThat(w.contains("/same", 100, WatchManager.TYPE_DATA)).isTrue();
    assertThat(w.contains("/unborn", 100, WatchManager.TYPE_DATA)).isTrue();
    assertThat(w.contains("/same", 100, WatchManager.TYPE_CHILDREN)).isTrue();
    assertThat(w.contains("/p", 100, WatchManager.TYPE_PERSISTENT)).isTrue();
    assertThat(w.contains("/r", 100, WatchManager.TYPE_RECURSIVE)).isTrue();
    assertThat(w.contains("/changed", 100, WatchManager.TYPE_ANY)).isFalse();
  }

  @Test
  void failedReadsDoNotSetWatchesExceptExists() {
    read(OpCode.GET_DATA, new Request.GetData("/none", true), a);
    read(OpCode.GET_CHILDREN, new Request.GetChildren("/none", true), a);
    assertThat(f.tree.watches().watchCount()).isZero();
    assertThat(f.reads.read(OpCode.EXISTS, new Request.Exists("/none", true), a).err()).isEqualTo(Code.NONODE);
    assertThat(f.tree.watches().contains("/none", 100, WatchManager.TYPE_DATA)).isTrue();
    assertThat(S1.authIds()).isNotEmpty();
  }
}
