package io.drover.agent.recovery;

/** Which containerizer runs a container. */
public enum ContainerKind { PROCESS, DOCKER }
