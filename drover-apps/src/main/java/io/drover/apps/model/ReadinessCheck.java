package io.drover.apps.model;

import java.util.List;

/** A readiness check, consulted only during deployments: old instances die only after new ones are ready. */
public record ReadinessCheck(String name, String protocol, String path, String portName, long intervalSeconds,
    long timeoutSeconds, List<Integer> httpStatusCodesForReady, boolean preserveLastResponse) {
  public ReadinessCheck {
    httpStatusCodesForReady = List.copyOf(httpStatusCodesForReady);
  }
}
