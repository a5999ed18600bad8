package io.drover.coord.server;

import io.drover.coord.wire.OpCode;

/** The short operation names ZooKeeper prints in {@code cons} ({@code Request.op2String}), and which ops write. */
final class OpNames {
  private OpNames() {}

  static String shortName(int op) {
    return switch (op) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> "CREA";
      case OpCode.DELETE -> "DELE";
      case OpCode.EXISTS -> "EXIS";
      case OpCode.GET_DATA -> "GETD";
      case OpCode.SET_DATA -> "SETD";
      case OpCode.GET_ACL -> "GETA";
      case OpCode.SET_ACL -> "SETA";
      case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> "GETC";
      case OpCode.SYNC -> "SYNC";
      case OpCode.PING -> "PING";
      case OpCode.CHECK -> "CHEC";
      case OpCode.MULTI, OpCode.MULTI_READ -> "MULT";
      case OpCode.CLOSE_SESSION -> "CLOS";
      case OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> "SETW";
      case OpCode.ADD_WATCH -> "ADDW";
      default -> "UNKNOWN";
    };
  }

  static boolean isWrite(int op) {
    return switch (op) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE, OpCode.SET_DATA,
           OpCode.SET_ACL, OpCode.CHECK, OpCode.MULTI, OpCode.CLOSE_SESSION -> true;
      default -> false;
    };
  }

  static boolean isRead(int op) {
    return switch (op) {
      case OpCode.EXISTS, OpCode.GET_DATA, OpCode.GET_ACL, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2, OpCode.SYNC,
           OpCode.MULTI_READ, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES, OpCode.GET_EPHEMERALS,
           OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.ADD_WATCH, OpCode.WHO_AM_I, OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> true;
      default -> false;
    };
  }
}
