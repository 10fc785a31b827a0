package org.originrelay.registry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.v1.electricity.Commitment;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

class IdsAndHashesTest {

    @Test
    void sliceHashIsSha256OfTheCommitmentContent() throws Exception {
        Commitment commitment = OpenedHashCommitments.fromSecret("s").commit(5, UUID.randomUUID(), UUID.randomUUID());

        assertThat(SliceHashes.of(commitment))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(commitment.getContent().toByteArray()));
    }

    @Test
    void transactionIdIsPaddedBase64OfTheSha256OfTheSerializedTransaction() throws Exception {
        Transaction transaction = Transaction.newBuilder()
                .setHeader(TransactionHeader.newBuilder().setNonce("n1"))
                .setPayload(ByteString.copyFromUtf8("payload"))
                .build();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(transaction.toByteArray());

        String id = TransactionIds.of(transaction);

        assertThat(id).isEqualTo(Base64.getEncoder().encodeToString(hash)).hasSize(44).endsWith("=");
        assertThat(TransactionIds.of(transaction.toBuilder().setHeader(TransactionHeader.newBuilder().setNonce("n2")).build()))
                .isNotEqualTo(id);
    }
}
