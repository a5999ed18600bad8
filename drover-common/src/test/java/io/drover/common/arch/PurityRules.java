package io.drover.common.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The dependency rule of DESIGN.md as one ArchUnit rule set, shared by every module through drover-common's
 * test-jar: classes in a pure package do no I/O and read no hidden inputs (clock, entropy, environment of threads).
 * Time and randomness reach them as {@code io.drover.common.time.Clock} and {@code io.drover.common.random.Rng}.
 *
 * <p>Two kinds of check, because each catches what the other cannot:
 * <ul>
 *   <li>forbidden <b>classes</b>: any dependency at all (field type, parameter, call, inheritance, annotation) on
 *       files, sockets, threads, executors, timers, netty/jetty/javalin, system clocks and entropy sources;
 *   <li>forbidden <b>members</b> of otherwise harmless classes: {@code System.currentTimeMillis}, {@code
 *       Instant.now}, {@code new Random()}, {@code UUID.randomUUID} ... Matched as any access, so calls, method
 *       references ({@code System::nanoTime}) and field reads ({@code System.out}) all count.
 * </ul>
 *
 * <p>Decisions, so nobody has to rediscover them:
 * <ul>
 *   <li>{@code java.net.URI} (and {@code URISyntaxException}) is allowed: a pure value, parsing does no lookup.
 *       Everything else in {@code java.net} is not; {@code InetSocketAddress(host, port)} resolves DNS and
 *       {@code URL.openConnection} does I/O. Cores keep addresses as strings or their own records.
 *   <li>Logging through SLF4J is allowed: it is observation, the core's decisions never depend on it.
 *       {@code System.out/err/in} is not (console I/O; log instead).
 *   <li>A seeded {@code new java.util.Random(seed)} / {@code new SplittableRandom(seed)} is allowed; the no-arg
 *       constructors, {@code Math.random}, {@code ThreadLocalRandom}, {@code SecureRandom}, {@code UUID.randomUUID}
 *       and {@code Collections.shuffle(list)} without a Random are not.
 *   <li>{@code Clock.system()} and {@code Rng.fromEntropy()} are Drover's own doors to the machine, so a core
 *       calling them is as impure as calling {@code System.nanoTime} directly.
 *   <li>Blocking synchronizers ({@code java.util.concurrent.locks}, latches, semaphores, blocking queues) are
 *       forbidden: a core runs on its driver's single event-loop thread and never waits.
 *       {@code ConcurrentHashMap} and atomics are not I/O and stay allowed.
 *   <li>{@code MessageDigest}, {@code java.io} streams over memory ({@code ByteArrayInputStream},
 *       {@code DataInput}, {@code IOException}) and {@code java.nio} buffers/charsets are allowed.
 * </ul>
 */
public final class PurityRules {
  private PurityRules() {}

  /**
   * No class in {@code packagePatterns} (ArchUnit syntax, e.g. {@code "io.drover.coord.tree.."}) touches a
   * forbidden class or member. Passes on packages that hold no classes yet, so a module may declare its pure
   * packages before writing them.
   */
  public static ArchRule pureCores(String... packagePatterns) { return pureCoresExcept(Set.of(), packagePatterns); }

  /**
   * As {@link #pureCores(String...)}, but exempts the named classes (fully qualified, nested classes included):
   * the few edge classes a pure package needs to reach the machine, e.g. the system clock behind
   * {@code Clock.system()}. Each exemption should carry a comment at the call site saying why.
   */
  public static ArchRule pureCoresExcept(Set<String> edgeClassNames, String... packagePatterns) {
    if (packagePatterns.length == 0) throw new IllegalArgumentException("name at least one package pattern");
    DescribedPredicate<JavaClass> inScope = edgeClassNames.isEmpty()
        ? residesInAny(packagePatterns)
        : residesInAny(packagePatterns).and(isNoneOf(edgeClassNames));
    return noClasses().that(inScope)
        .should().dependOnClassesThat(FORBIDDEN_CLASSES)
        .orShould().accessTargetWhere(FORBIDDEN_MEMBERS)
        .allowEmptyShould(true)
        .because("pure packages do no I/O and read no clock or entropy: time and randomness come in as "
            + "io.drover.common.time.Clock and io.drover.common.random.Rng (DESIGN.md, 'The dependency rule')");
  }

  // ---- forbidden classes --------------------------------------------------------------------------------

  /** Packages whose every class is I/O, threads, or a network framework. */
  private static final List<String> FORBIDDEN_PACKAGES = List.of(
      "java.nio.file..", "java.nio.channels..", "java.net..", "java.util.concurrent.locks..",
      "io.netty..", "io.javalin..", "org.eclipse.jetty..");

  /** Allowed exceptions inside {@link #FORBIDDEN_PACKAGES}. */
  private static final Set<String> ALLOWED_CLASSES = Set.of("java.net.URI", "java.net.URISyntaxException");

  /** Forbidden classes by exact name; nested classes ({@code Thread$Builder}) are forbidden with their owner. */
  private static final Set<String> FORBIDDEN_CLASS_NAMES = Set.of(
      "java.io.RandomAccessFile", "java.io.Console",
      "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.Runtime", "java.lang.Process",
      "java.lang.ProcessBuilder", "java.lang.ProcessHandle",
      "java.util.Timer", "java.util.TimerTask",
      "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
      "java.util.concurrent.ScheduledExecutorService", "java.util.concurrent.ForkJoinPool",
      "java.util.concurrent.ForkJoinWorkerThread", "java.util.concurrent.ThreadFactory",
      "java.util.concurrent.ThreadLocalRandom", "java.util.concurrent.StructuredTaskScope",
      "java.util.concurrent.CountDownLatch", "java.util.concurrent.CyclicBarrier", "java.util.concurrent.Phaser",
      "java.util.concurrent.Semaphore", "java.util.concurrent.Exchanger", "java.util.concurrent.DelayQueue",
      "java.util.concurrent.SynchronousQueue", "java.util.concurrent.TransferQueue",
      "java.util.concurrent.LinkedTransferQueue",
      "java.security.SecureRandom", "java.time.Clock", "java.time.InstantSource");

  static final DescribedPredicate<JavaClass> FORBIDDEN_CLASSES = DescribedPredicate.describe(
      "do I/O or concurrency (java.io.File*, java.nio.file, java.nio.channels, java.net except URI, threads, "
          + "executors, timers, locks and latches, processes, netty/jetty/javalin, system clocks, entropy sources)",
      PurityRules::isForbiddenClass);

  private static boolean isForbiddenClass(JavaClass cls) {
    String name = outermost(cls.getName());
    if (ALLOWED_CLASSES.contains(name)) return false;
    if (FORBIDDEN_CLASS_NAMES.contains(name)) return true;
    String pkg = cls.getPackageName();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if (pkg.equals("java.io") && simple.startsWith("File")) return true; // File, FileInputStream, FileDescriptor...
    // Executor, Executors, ExecutorService, ExecutorCompletionService.
    if (pkg.equals("java.util.concurrent") && simple.startsWith("Executor")) return true;
    // BlockingQueue, ArrayBlockingQueue, LinkedBlockingDeque, ...: waiting is for drivers, not cores.
    if (pkg.equals("java.util.concurrent") && simple.contains("Blocking")) return true;
    return FORBIDDEN_PACKAGES.stream().anyMatch(p -> PackageMatchers.of(p).test(pkg));
  }

  private static String outermost(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  // ---- forbidden members of allowed classes -------------------------------------------------------------

  /** One forbidden member: {@code params == null} matches every overload. Constructors are named {@code <init>}. */
  private record Member(String owner, String name, List<String> params) {
    boolean matches(AccessTarget target) {
      if (!target.getOwner().getName().equals(owner) || !target.getName().equals(name)) return false;
      if (params == null) return true;
      return target instanceof CodeUnitAccessTarget unit
          && unit.getRawParameterTypes().stream().map(JavaClass::getName).toList().equals(params);
    }
  }

  private static Member any(String owner, String name) { return new Member(owner, name, null); }

  private static Member exact(String owner, String name, String... params) {
    return new Member(owner, name, Arrays.asList(params));
  }

  private static final List<Member> FORBIDDEN_MEMBER_LIST = List.of(
      any("java.lang.System", "currentTimeMillis"), any("java.lang.System", "nanoTime"),
      any("java.lang.System", "exit"), any("java.lang.System", "out"), any("java.lang.System", "err"),
      any("java.lang.System", "in"), any("java.lang.System", "console"),
      any("java.lang.Math", "random"), any("java.lang.StrictMath", "random"),
      any("java.util.UUID", "randomUUID"),
      exact("java.util.Random", "<init>"), exact("java.util.SplittableRandom", "<init>"),
      exact("java.util.Collections", "shuffle", "java.util.List"),
      any("java.util.concurrent.TimeUnit", "sleep"), any("java.util.concurrent.TimeUnit", "timedJoin"),
      any("java.util.concurrent.TimeUnit", "timedWait"),
      any("java.util.concurrent.CompletableFuture", "delayedExecutor"),
      any("java.util.concurrent.CompletableFuture", "orTimeout"),
      any("java.util.concurrent.CompletableFuture", "completeOnTimeout"),
      any("io.drover.common.time.Clock", "system"), any("io.drover.common.random.Rng", "fromEntropy"));

  static final DescribedPredicate<JavaAccess<?>> FORBIDDEN_MEMBERS = DescribedPredicate.describe(
      "is a system clock, entropy, sleep, async-executor, console or exit member (System.currentTimeMillis/"
          + "nanoTime/exit/out/err/in, java.time *.now, new Random(), new SplittableRandom(), Math.random, "
          + "UUID.randomUUID, Collections.shuffle(List), TimeUnit.sleep, CompletableFuture *Async/orTimeout, "
          + "Clock.system, Rng.fromEntropy)",
      access -> isForbiddenMember(access.getTarget()));

  private static boolean isForbiddenMember(AccessTarget target) {
    String owner = target.getOwner().getName();
    String name = target.getName();
    // Instant.now(), LocalDateTime.now(zone), HijrahDate.now(), ...: every `now` in java.time reads the system clock.
    if (owner.startsWith("java.time.") && name.equals("now")) return true;
    // supplyAsync, thenApplyAsync, ...: run on the common pool or an executor, i.e. on another thread.
    if (owner.equals("java.util.concurrent.CompletableFuture") && name.endsWith("Async")) return true;
    return FORBIDDEN_MEMBER_LIST.stream().anyMatch(m -> m.matches(target));
  }

  // ---- scope -----------------------------------------------------------------------------------------------

  private static DescribedPredicate<JavaClass> residesInAny(String... packagePatterns) {
    return JavaClass.Predicates.resideInAnyPackage(packagePatterns);
  }

  private static DescribedPredicate<JavaClass> isNoneOf(Set<String> classNames) {
    return DescribedPredicate.describe("are not the exempt edge classes " + classNames,
        cls -> !classNames.contains(outermost(cls.getName())));
  }
}
