package io.drover.coord.core;

/** A member's part in the ensemble: voters elect, ACK proposals and form quorums; observers only learn. */
public enum Role { VOTER, OBSERVER }
