package org.originrelay.registryconnector.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.springframework.stereotype.Component;

/** The signed registry transactions that carry out one validated command, in the order they must be sent. */
@Component
public class RegistryTransactions {

    private final TransactionFactory factory;

    public RegistryTransactions(TransactionFactory factory) {
        this.factory = factory;
    }

    /**
     * @throws IllegalArgumentException when the command cannot be expressed as registry transactions
     * @throws IllegalStateException when the event is not a validated command
     */
    public List<Transaction> of(CertificateEvent validated) {
        return switch (validated) {
            case IssueCertificateValidated issue -> List.of(factory.issue(issue.certificateId(), issue.sliceId(),
                    granularType(issue.type()), issue.start(), issue.end(), issue.gridArea(), issue.quantity(),
                    issue.owner()));
            case TransferSliceValidated transfer -> List.of(factory.transfer(transfer.certificateId(),
                    transfer.sliceId(), transfer.quantity(), transfer.owner(), transfer.receiver()));
            case SliceCertificateValidated slice -> List.of(factory.slice(slice.certificateId(), slice.sliceId(),
                    slice.quantity(), slice.owner(), newSlices(slice)));
            case ClaimValidated claim -> claim(claim, claim.claimId());
            default -> throw new IllegalStateException(validated.eventType().name() + " is not a validated command");
        };
    }

    /**
     * Whether building the command's transactions commits to new quantities, each with a range proof
     * (tens of milliseconds of CPU with Pedersen commitments): issuances and slicings. Transfers and
     * claims only sign, and prove equality at most (well under a millisecond).
     */
    public static boolean needsProving(CertificateEvent validated) {
        return validated instanceof IssueCertificateValidated || validated instanceof SliceCertificateValidated;
    }

    /** The four transactions of a claim under this allocation id (the claim's own, or one it resumes). */
    public List<Transaction> claim(ClaimValidated claim, UUID allocationId) {
        return factory.claimTransactions(allocationId,
                new CertificateSlice(claim.productionCertificateId(), claim.productionSliceId(), claim.quantity()),
                new CertificateSlice(claim.consumptionCertificateId(), claim.consumptionSliceId(), claim.quantity()),
                claim.owner());
    }

    private static GranularCertificateType granularType(CertificateType type) {
        return switch (type) {
            case PRODUCTION -> GranularCertificateType.PRODUCTION;
            case CONSUMPTION -> GranularCertificateType.CONSUMPTION;
        };
    }

    private static List<NewSlice> newSlices(SliceCertificateValidated slice) {
        if (slice.newSliceIds().size() != slice.quantities().size()) {
            throw new IllegalArgumentException("slice has " + slice.newSliceIds().size() + " new slice ids but "
                    + slice.quantities().size() + " quantities");
        }
        List<NewSlice> newSlices = new ArrayList<>();
        for (int i = 0; i < slice.newSliceIds().size(); i++) {
            newSlices.add(new NewSlice(slice.newSliceIds().get(i), slice.quantities().get(i)));
        }
        return newSlices;
    }
}
