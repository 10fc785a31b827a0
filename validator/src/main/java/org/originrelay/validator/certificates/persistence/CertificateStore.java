package org.originrelay.validator.certificates.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.certificateviews.CertificateViewStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The validator's tables: its view of certificates (the rows shared with the read model's, written by
 * {@link CertificateViewStore}), and the reservations and promised ids only the validator has. Plain SQL
 * rather than JPA: the heart of this store is a few conditional updates (reserve, release, claim a
 * certificate id) whose row counts are the decision. Saving a certificate's changes keeps the reservations
 * of its slices that still exist.
 */
@Repository
public class CertificateStore extends CertificateViewStore {

    CertificateStore(JdbcClient jdbc) {
        super(jdbc);
    }

    /**
     * Ends the holds on the given slices, whoever has them.
     *
     * @return the commands whose holds ended
     */
    public List<UUID> endReservationsOf(Collection<UUID> sliceIds) {
        if (sliceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with ended as (
                    select slice_id, reserved_by from slice
                    where slice_id in (:ids) and reserved_by is not null order by slice_id for update)
                update slice set reserved_by = null, reserved_at = null from ended
                where slice.slice_id = ended.slice_id returning ended.reserved_by
                """).param("ids", sliceIds).query(UUID.class).list();
    }

    /** The command an id of a slice the view does not have yet is promised to, if any. */
    public Optional<UUID> creatorOf(UUID sliceId) {
        return jdbc.sql("select command_id from pending_slice_id where slice_id = :id").param("id", sliceId)
                .query(UUID.class).optional();
    }

    /**
     * Locks the given slices' rows until the transaction ends, in a fixed order. A decision about them
     * must read the certificate only after this: a registry answer committed meanwhile (which moves the
     * slice and frees it) is then seen, instead of deciding on the state from before it.
     */
    public void lockSlices(Collection<UUID> sliceIds) {
        jdbc.sql("select slice_id from slice where slice_id in (:ids) order by slice_id for update")
                .param("ids", sliceIds).query(UUID.class).list();
    }

    /**
     * Reserves every given slice for the command, or none: rows are locked in a fixed order (so two
     * commands never deadlock) and reserved only if all are free or already this command's.
     *
     * @return false when another command holds one of them
     */
    public boolean reserve(Collection<UUID> sliceIds, UUID commandId) {
        // One statement: lock the rows in order, and reserve them only if none is another command's.
        return jdbc.sql("""
                with held as (
                    select slice_id, reserved_by from slice where slice_id in (:ids) order by slice_id for update),
                free as (
                    select not exists (select 1 from held where reserved_by is not null and reserved_by <> :command) as ok),
                reserved as (
                    update slice set reserved_by = :command, reserved_at = coalesce(reserved_at, now())
                    where slice_id in (select slice_id from held) and (select ok from free))
                select ok from free
                """).param("ids", sliceIds).param("command", commandId).query(Boolean.class).single();
    }

    /** Frees whatever the command holds; harmless when it holds nothing. */
    public void release(UUID commandId) {
        // One statement, three tables: every data-modifying part of a WITH runs to completion.
        jdbc.sql("""
                with freed as (
                    update slice set reserved_by = null, reserved_at = null where reserved_by = :command),
                issues as (
                    delete from pending_issue where command_id = :command)
                delete from pending_slice_id where command_id = :command
                """).param("command", commandId).update();
    }

    /**
     * Whether a slice id is taken for any command but {@code commandId}: a slice in the view, or an id
     * promised to another command. One statement, so a registry answer that turns a promise into a slice
     * is seen either before or after, never in between.
     */
    public boolean sliceIdInUse(UUID sliceId, UUID commandId) {
        return jdbc.sql("""
                select exists (select 1 from slice where slice_id = :id)
                    or exists (select 1 from pending_slice_id where slice_id = :id and command_id <> :command)
                """).param("id", sliceId).param("command", commandId).query(Boolean.class).single();
    }

    /**
     * Promises new slice ids to a command, in a fixed order so two commands never deadlock. A concurrent
     * promise of the same id makes the insert wait for the other transaction and then skip the row.
     *
     * @return the ids another command holds; empty when the command now holds them all
     */
    public List<UUID> promiseSliceIds(Collection<UUID> sliceIds, UUID commandId) {
        for (UUID sliceId : sliceIds.stream().sorted().toList()) {
            jdbc.sql("insert into pending_slice_id (slice_id, command_id) values (:id, :command) on conflict do nothing")
                    .param("id", sliceId).param("command", commandId).update();
        }
        return jdbc.sql("""
                select slice_id from pending_slice_id where slice_id in (:ids) and command_id <> :command
                order by slice_id
                """).param("ids", sliceIds).param("command", commandId).query(UUID.class).list();
    }

    /** Promises a certificate id to an issue command; false when another command already has it. */
    public boolean claimCertificateId(UUID certificateId, UUID commandId) {
        return jdbc.sql("""
                insert into pending_issue (certificate_id, command_id) values (:id, :command)
                on conflict do nothing
                """).param("id", certificateId).param("command", commandId).update() == 1
                || commandId.equals(jdbc.sql("select command_id from pending_issue where certificate_id = :id")
                        .param("id", certificateId).query(UUID.class).optional().orElse(null));
    }

    public Optional<UUID> reservationOf(UUID sliceId) {
        return jdbc.sql("select reserved_by from slice where slice_id = :id").param("id", sliceId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("reserved_by", UUID.class))).optional()
                .flatMap(holder -> holder);
    }
}
