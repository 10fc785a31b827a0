package org.originrelay.certificateviews;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceChanges;
import org.originrelay.contracts.domain.SliceState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The certificate and slice rows of a service's view of certificates, in the schema of the DataSource the
 * service gives it: the validator's view and the read model have these tables in the same shape, and each
 * service adds the statements on its own columns in a subclass. Plain SQL rather than an ORM: applying an
 * outcome writes only the slice rows it changed (one update for a transfer), where a mapped certificate with
 * its slice collection cost a read of the whole certificate, dirty checks and collection rewrites on every
 * flush. Runs in the caller's transaction.
 */
public class CertificateViewStore {

    protected final JdbcClient jdbc;

    protected CertificateViewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The certificate with its slices as committed now, in one statement (one snapshot), unlocked: for reads,
     * and for decisions made under the slices' locks.
     */
    public Optional<Certificate> find(UUID certificateId) {
        return jdbc.sql("""
                select c.certificate_id, c.type, c.grid_area, c.period_start, c.period_end, c.quantity,
                    s.slice_id, s.owner, s.quantity as slice_quantity, s.state, s.allocation_id, s.quantity_known
                from certificate c left join slice s on s.certificate_id = c.certificate_id
                where c.certificate_id = :id order by s.slice_id""")
                .param("id", certificateId).query(CertificateViewStore::certificate);
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
     * Two certificates (a claim's), each as {@link #lockAndFind} reads it, in the order asked; their rows are
     * locked in one order whatever order they are asked in, so two changes of the same two certificates never
     * deadlock.
     */
    public List<Optional<Certificate>> lockAndFindBoth(UUID one, UUID other) {
        boolean oneFirst = one.compareTo(other) <= 0;
        Optional<Certificate> first = lockAndFind(oneFirst ? one : other);
        Optional<Certificate> second = lockAndFind(oneFirst ? other : one);
        return oneFirst ? List.of(first, second) : List.of(second, first);
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
     * {@code after}: the slices that are gone, changed or new, nothing else. Columns of a slice row this
     * store does not know (the validator's reservations) are kept on every slice that still exists.
     */
    public void saveChanges(Certificate before, Certificate after) {
        SliceChanges changes = before.changesTo(after);
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
     * The slice on the current row of a result with the slice columns slice_id, owner, state, allocation_id,
     * quantity_known and the slice's quantity as slice_quantity.
     */
    protected static Slice slice(ResultSet rs) throws SQLException {
        return new Slice(rs.getObject("slice_id", UUID.class), rs.getString("owner"), rs.getLong("slice_quantity"),
                SliceState.valueOf(rs.getString("state")), rs.getObject("allocation_id", UUID.class),
                rs.getBoolean("quantity_known"));
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
                slices.add(slice(rs));
            }
        } while (rs.next());
        return Optional.of(new Certificate(id, type, gridArea, start.toInstant(), end.toInstant(), quantity, slices));
    }
}
