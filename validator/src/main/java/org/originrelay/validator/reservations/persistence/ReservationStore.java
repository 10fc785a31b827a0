package org.originrelay.validator.reservations.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.validator.reservations.HeldReservation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the holds of {@code slice.reserved_by}, {@code pending_issue} and {@code pending_slice_id} by command. */
@Repository
public class ReservationStore {

    private final JdbcClient jdbc;

    public ReservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every command holding something, oldest first. */
    public List<HeldReservation> held() {
        return collect(holds(null));
    }

    public Optional<HeldReservation> heldBy(UUID commandId) {
        return collect(holds(commandId)).stream().findFirst();
    }

    /** When the oldest hold began; empty when nothing is held. */
    public Optional<Instant> oldestSince() {
        return jdbc.sql("""
                select min(since) from (
                    select min(reserved_at) as since from slice where reserved_by is not null
                    union all select min(promised_at) from pending_issue
                    union all select min(promised_at) from pending_slice_id) holds
                """)
                .query((row, n) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    private List<Hold> holds(UUID commandId) {
        return jdbc.sql("""
                select * from (
                    select reserved_by as command_id, 'slice' as kind, slice_id as id, coalesce(reserved_at, now()) as since
                    from slice where reserved_by is not null
                    union all
                    select command_id, 'certificate-id', certificate_id, promised_at from pending_issue
                    union all
                    select command_id, 'new-slice-id', slice_id, promised_at from pending_slice_id) holds
                where cast(:commandId as uuid) is null or command_id = cast(:commandId as uuid)
                order by since, command_id, id
                """)
                .param("commandId", commandId)
                .query((row, n) -> new Hold(row.getObject("command_id", UUID.class), row.getString("kind"),
                        row.getObject("id", UUID.class), row.getTimestamp("since").toInstant()))
                .list();
    }

    private static List<HeldReservation> collect(List<Hold> holds) {
        Map<UUID, List<Hold>> byCommand = new LinkedHashMap<>();
        holds.forEach(hold -> byCommand.computeIfAbsent(hold.commandId(), key -> new ArrayList<>()).add(hold));
        return byCommand.entrySet().stream()
                .map(entry -> new HeldReservation(entry.getKey(),
                        entry.getValue().stream().map(Hold::since).min(Comparator.naturalOrder()).orElseThrow(),
                        ids(entry.getValue(), "slice"), ids(entry.getValue(), "certificate-id"),
                        ids(entry.getValue(), "new-slice-id")))
                .sorted(Comparator.comparing(HeldReservation::heldSince))
                .toList();
    }

    private static List<UUID> ids(List<Hold> holds, String kind) {
        return holds.stream().filter(hold -> hold.kind().equals(kind)).map(Hold::id).toList();
    }

    private record Hold(UUID commandId, String kind, UUID id, Instant since) {
    }
}
