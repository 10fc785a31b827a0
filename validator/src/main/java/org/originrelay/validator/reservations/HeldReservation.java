package org.originrelay.validator.reservations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything one command holds until the registry answers.
 *
 * @param commandId the holder
 * @param heldSince when its oldest hold began
 * @param slices existing slices it may change
 * @param certificateIds new certificate ids promised to it (issue)
 * @param newSliceIds new slice ids promised to it (issue, slice)
 */
public record HeldReservation(UUID commandId, Instant heldSince, List<UUID> slices, List<UUID> certificateIds,
        List<UUID> newSliceIds) {

    public HeldReservation {
        slices = List.copyOf(slices);
        certificateIds = List.copyOf(certificateIds);
        newSliceIds = List.copyOf(newSliceIds);
    }

    public Duration age(Instant now) {
        return Duration.between(heldSince, now);
    }
}
