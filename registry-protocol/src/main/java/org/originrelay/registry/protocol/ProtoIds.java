package org.originrelay.registry.protocol;

import java.util.UUID;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.common.Uuid;

/** Conversions between Java UUIDs and the registry's id messages. */
public final class ProtoIds {

    private ProtoIds() {
    }

    public static Uuid uuid(UUID id) {
        return Uuid.newBuilder().setValue(id.toString()).build();
    }

    public static FederatedStreamId streamId(String registry, UUID certificateId) {
        return FederatedStreamId.newBuilder().setRegistry(registry).setStreamId(uuid(certificateId)).build();
    }
}
