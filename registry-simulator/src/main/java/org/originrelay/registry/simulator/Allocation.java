package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;

/** An allocation recorded on one stream: the slice it locks here and the stream of the other side. */
record Allocation(ByteString sliceHash, FederatedStreamId counterpart) {
}
