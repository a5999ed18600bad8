package io.drover.coord.tree;

import io.drover.coord.wire.Code;
import io.drover.coord.wire.Response;

/** A read's reply: {@code body} is null when {@code err} is not OK (the reply then has a header only). */
public record ReadResult(Code err, Response body) {
  static ReadResult ok(Response body) { return new ReadResult(Code.OK, body); }

  static ReadResult fail(Code err) { return new ReadResult(err, null); }
}
