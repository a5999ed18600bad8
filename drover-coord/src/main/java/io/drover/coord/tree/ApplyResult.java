package io.drover.coord.tree;

import io.drover.coord.wire.Code;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.Stat;
import java.util.List;

/**
 * The outcome of applying one txn. {@code err} is what the reply header carries (FinalRequestProcessor):
 * the error of an Error txn, or OK; for a multi it is always OK and failures are in {@code multiResults}.
 * {@code path} is the created path for creates, {@code stat} the node's new Stat for create2/createTTL/
 * createContainer/setData/setACL/check, {@code multiResults} non-null only for Multi, and
 * {@code deliveries} the notifications to send before the reply, in order, deduplicated per trigger.
 */
public record ApplyResult(Code err, String path, Stat stat, List<Response.OpResult> multiResults, List<Delivery> deliveries) {}
