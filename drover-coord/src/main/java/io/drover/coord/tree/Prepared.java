package io.drover.coord.tree;

import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnHeader;

/** A write turned into the txn to log and later apply; failed writes are {@code Txn.Error} with header type -1. */
public record Prepared(TxnHeader header, Txn txn) {}
