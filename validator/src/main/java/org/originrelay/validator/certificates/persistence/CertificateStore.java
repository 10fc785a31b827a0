package org.originrelay.validator.certificates.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The validator's tables. Plain SQL rather than JPA: the heart of this store is a few conditional
 * updates (reserve, release, claim a certificate id) whose row counts are the decision.
 */
@Repository
public class CertificateStore {

    private final JdbcClient jdbc;

    CertificateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The certificate with its slices as committed now, in one statement (one snapshot), unlocked: for
     * decisions made under the slices' locks.
     */
    public Optional<Certificate> find(UUID certificateId) {
        return jdbc.sql("""
                select c.certificate_id, c.type, c.grid_area, c.period_start, c.period_end, c.quantity,
                    s.slice_id, s.owner, s.quantity as slice_quantity, s.state, s.allocation_id, s.quantity_known
                from certificate c left join slice s on s.certificate_id = c.certificate_id
                where c.certificate_id = :id order by s.slice_id""")
                .param("id", certificateId).query(CertificateStore::certificate);
    }

    /**
     * The certificate, its row locked until the transaction ends. Every change of a certificate's slices
     * (a registry outcome, a reconciliation) takes this lock before it reads: two instances applying
     * outcomes for sibling slices then apply one after the other, each on what the other committed, instead
     * of both rewriting the certificate from the same old read (ADR 0008). The slices are read by a second
     * statement, so that they are what the transaction that held the lock before committed.
     */
    public Optional<Certificate> lockAndFind(UUID certificateId) {
        boolean exists = jdbc.sql("select certificate_id from certificate where certificate_id = :id for update")
                .param("id", certificateId).query(UUID.class).optional().isPresent();
        return exists ? find(certificateId) : Optional.empty();
    }

    /**
     * Stores a certificate the view does not have yet; false (and nothing written) when it has it. A
     * concurrent insert of the same certificate makes this one wait for it and then write nothing.
     */
    public boolean createIfAbsent(Certificate certificate) {
        int inserted = jdbc.sql("""
                insert into certificate (certificate_id, type, grid_area, period_start, period_end, quantity)
                values (:id, :type, :gridArea, :start, :end, :quantity) on conflict (certificate_id) do nothing
                """)
                .param("id", certificate.certificateId()).param("type", certificate.type().name())
                .param("gridArea", certificate.gridArea()).param("start", Timestamp.from(certificate.start()))
                .param("end", Timestamp.from(certificate.end())).param("quantity", certificate.quantity())
                .update();
        if (inserted == 0) {
            return false;
        }
        certificate.slices().forEach(slice -> insert(certificate.certificateId(), slice));
        return true;
    }

    /**
     * Writes what changed from {@code before} (as read by {@link #lockAndFind} in this transaction) to
     * {@code after}: the slices that are gone, changed or new, nothing else. Reservations of slices that
     * still exist are kept.
     */
    public void saveChanges(Certificate before, Certificate after) {
        SliceChanges changes = SliceChanges.between(before, after);
        if (!changes.removed().isEmpty()) {
            jdbc.sql("delete from slice where certificate_id = :certificateId and slice_id in (:ids)")
                    .param("certificateId", before.certificateId()).param("ids", changes.removed()).update();
        }
        for (Slice slice : changes.changed()) {
            jdbc.sql("""
                    update slice set owner = :owner, quantity = :quantity, state = :state,
                        allocation_id = :allocationId, quantity_known = :quantityKnown
                    where slice_id = :sliceId and certificate_id = :certificateId
                    """)
                    .param("sliceId", slice.sliceId()).param("certificateId", before.certificateId())
                    .param("owner", slice.owner()).param("quantity", slice.quantity())
                    .param("state", slice.state().name()).param("allocationId", slice.allocationId())
                    .param("quantityKnown", slice.quantityKnown())
                    .update();
        }
        changes.added().forEach(slice -> insert(before.certificateId(), slice));
    }

    private void insert(UUID certificateId, Slice slice) {
        jdbc.sql("""
                insert into slice (slice_id, certificate_id, owner, quantity, state, allocation_id, quantity_known)
                values (:sliceId, :certificateId, :owner, :quantity, :state, :allocationId, :quantityKnown)
                """)
                .param("sliceId", slice.sliceId()).param("certificateId", certificateId)
                .param("owner", slice.owner()).param("quantity", slice.quantity())
                .param("state", slice.state().name()).param("allocationId", slice.allocationId())
                .param("quantityKnown", slice.quantityKnown())
                .update();
    }

    /** Registry transactions the last reconciliation applied to this certificate had read; empty if none. */
    public Optional<Long> reconciledTransactions(UUID certificateId) {
        return jdbc.sql("select reconciled_transactions from certificate where certificate_id = :id")
                .param("id", certificateId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("reconciled_transactions", Long.class)))
                .optional().flatMap(count -> count);
    }

    public void markReconciled(UUID certificateId, long registryTransactions) {
        jdbc.sql("update certificate set reconciled_transactions = :count where certificate_id = :id")
                .param("count", registryTransactions).param("id", certificateId).update();
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

    private static Optional<Certificate> certificate(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        UUID id = rs.getObject("certificate_id", UUID.class);
        CertificateType type = CertificateType.valueOf(rs.getString("type"));
        String gridArea = rs.getString("grid_area");
        Timestamp start = rs.getTimestamp("period_start");
        Timestamp end = rs.getTimestamp("period_end");
        long quantity = rs.getLong("quantity");
        List<Slice> slices = new ArrayList<>();
        do {
            if (rs.getObject("slice_id") != null) {
                slices.add(new Slice(rs.getObject("slice_id", UUID.class), rs.getString("owner"),
                        rs.getLong("slice_quantity"), SliceState.valueOf(rs.getString("state")),
                        rs.getObject("allocation_id", UUID.class), rs.getBoolean("quantity_known")));
            }
        } while (rs.next());
        return Optional.of(new Certificate(id, type, gridArea, start.toInstant(), end.toInstant(), quantity, slices));
    }
}
