package io.drover.common.arch.impure_fixture;

import java.io.IOException;
import java.net.Socket;

public final class OpensSocket {
  Socket open() throws IOException { return new Socket("localhost", 2181); }
}
