package org.originrelay.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryRejected;
import org.originrelay.contracts.events.ClaimEvent.ClaimRejected;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryRejected;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRejected;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryRejected;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRejected;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryRejected;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRejected;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;

import static org.originrelay.contracts.events.CommandName.CLAIM;
import static org.originrelay.contracts.events.CommandName.ISSUE_CERTIFICATE;
import static org.originrelay.contracts.events.CommandName.SLICE_CERTIFICATE;
import static org.originrelay.contracts.events.CommandName.TRANSFER_SLICE;
import static org.originrelay.contracts.events.Stage.REGISTRY_ACCEPTED;
import static org.originrelay.contracts.events.Stage.REGISTRY_REJECTED;
import static org.originrelay.contracts.events.Stage.REJECTED;
import static org.originrelay.contracts.events.Stage.REQUESTED;
import static org.originrelay.contracts.events.Stage.VALIDATED;

/** The public event contract in one table: every event type, its name and its routing key. */
public final class EventCatalog {

    /** The durable topic exchange all certificate events are published to. */
    public static final String EXCHANGE = "certificates.events";

    /** Bumped only for incompatible changes; additive fields keep the version. */
    public static final int SCHEMA_VERSION = 1;

    public static final List<EventType> ALL = List.of(
            new EventType(IssueCertificateRequested.class, ISSUE_CERTIFICATE, REQUESTED),
            new EventType(IssueCertificateValidated.class, ISSUE_CERTIFICATE, VALIDATED),
            new EventType(IssueCertificateRejected.class, ISSUE_CERTIFICATE, REJECTED),
            new EventType(IssueCertificateRegistryAccepted.class, ISSUE_CERTIFICATE, REGISTRY_ACCEPTED),
            new EventType(IssueCertificateRegistryRejected.class, ISSUE_CERTIFICATE, REGISTRY_REJECTED),
            new EventType(SliceCertificateRequested.class, SLICE_CERTIFICATE, REQUESTED),
            new EventType(SliceCertificateValidated.class, SLICE_CERTIFICATE, VALIDATED),
            new EventType(SliceCertificateRejected.class, SLICE_CERTIFICATE, REJECTED),
            new EventType(SliceCertificateRegistryAccepted.class, SLICE_CERTIFICATE, REGISTRY_ACCEPTED),
            new EventType(SliceCertificateRegistryRejected.class, SLICE_CERTIFICATE, REGISTRY_REJECTED),
            new EventType(TransferSliceRequested.class, TRANSFER_SLICE, REQUESTED),
            new EventType(TransferSliceValidated.class, TRANSFER_SLICE, VALIDATED),
            new EventType(TransferSliceRejected.class, TRANSFER_SLICE, REJECTED),
            new EventType(TransferSliceRegistryAccepted.class, TRANSFER_SLICE, REGISTRY_ACCEPTED),
            new EventType(TransferSliceRegistryRejected.class, TRANSFER_SLICE, REGISTRY_REJECTED),
            new EventType(ClaimRequested.class, CLAIM, REQUESTED),
            new EventType(ClaimValidated.class, CLAIM, VALIDATED),
            new EventType(ClaimRejected.class, CLAIM, REJECTED),
            new EventType(ClaimRegistryAccepted.class, CLAIM, REGISTRY_ACCEPTED),
            new EventType(ClaimRegistryRejected.class, CLAIM, REGISTRY_REJECTED));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    static EventType typeOf(CertificateEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    /** A binding pattern for every command at one stage, e.g. {@code *.requested}. */
    public static String anyCommandAt(Stage stage) {
        return "*." + stage.key();
    }
}
