package io.drover.agent.launch;

/**
 * Mesos' sandbox layout: {@code <work_dir>/slaves/<agentId>/frameworks/<frameworkId>/executors/<executorId>/runs/
 * <containerId>}. A command task's executor id is its task id. Ids are used as they are; {@link #validId} says which
 * ids are safe as one path segment.
 */
public final class SandboxLayout {
  private SandboxLayout() {}

  public static String sandbox(String workDir, String agentId, String frameworkId, String executorId,
      String containerId) {
    String base = workDir.endsWith("/") ? workDir.substring(0, workDir.length() - 1) : workDir;
    return base + "/slaves/" + agentId + "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/"
        + containerId;
  }

  /** True if {@code id} can name one directory: not empty, not {@code .} or {@code ..}, no {@code /} and no NUL. */
  public static boolean validId(String id) {
    return id != null && !id.isEmpty() && !id.equals(".") && !id.equals("..") && id.indexOf('/') < 0
        && id.indexOf('\0') < 0;
  }
}
