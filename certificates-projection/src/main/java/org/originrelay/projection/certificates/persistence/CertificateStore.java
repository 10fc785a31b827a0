package org.originrelay.projection.certificates.persistence;

import java.util.List;
import java.util.UUID;
import org.originrelay.certificateviews.CertificateViewStore;
import org.originrelay.contracts.domain.Slice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model's certificate and slice tables: the rows it shares in shape with the validator's view
 * ({@link CertificateViewStore}), and the owners' lists only the read model shows.
 */
@Repository
public class CertificateStore extends CertificateViewStore {

    /** A slice with the certificate it belongs to, as an owner's list shows it. */
    public record SliceOfCertificate(UUID certificateId, Slice slice) {
    }

    CertificateStore(JdbcClient jdbc) {
        super(jdbc);
    }

    /** An owner's slices, by certificate and slice id. */
    public List<SliceOfCertificate> slicesOf(String owner) {
        return jdbc.sql("""
                select certificate_id, slice_id, owner, quantity as slice_quantity, state, allocation_id, quantity_known
                from slice where owner = :owner order by certificate_id, slice_id""")
                .param("owner", owner)
                .query((rs, n) -> new SliceOfCertificate(rs.getObject("certificate_id", UUID.class), slice(rs)))
                .list();
    }
}
