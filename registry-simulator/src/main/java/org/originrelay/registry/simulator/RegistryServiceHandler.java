package org.originrelay.registry.simulator;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.originrelay.registry.protocol.v1.registry.GetBlocksRequest;
import org.originrelay.registry.protocol.v1.registry.GetBlocksResponse;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsResponse;
import org.originrelay.registry.protocol.v1.registry.GetTransactionProofRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionProofResponse;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusResponse;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.SubmitTransactionResponse;

/** The gRPC face of the ledger. */
final class RegistryServiceHandler extends RegistryServiceGrpc.RegistryServiceImplBase {

    private final TransactionLedger ledger;

    RegistryServiceHandler(TransactionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void sendTransactions(SendTransactionsRequest request,
            StreamObserver<SubmitTransactionResponse> responses) {
        ledger.receive(request.getTransactionsList());
        responses.onNext(SubmitTransactionResponse.getDefaultInstance());
        responses.onCompleted();
    }

    @Override
    public void getTransactionStatus(GetTransactionStatusRequest request,
            StreamObserver<GetTransactionStatusResponse> responses) {
        TransactionStatus status = ledger.status(request.getId());
        responses.onNext(GetTransactionStatusResponse.newBuilder()
                .setStatus(status.state())
                .setMessage(status.message())
                .build());
        responses.onCompleted();
    }

    @Override
    public void getStreamTransactions(GetStreamTransactionsRequest request,
            StreamObserver<GetStreamTransactionsResponse> responses) {
        responses.onNext(GetStreamTransactionsResponse.newBuilder()
                .addAllTransactions(ledger.committed(request.getStreamId().getValue()))
                .build());
        responses.onCompleted();
    }

    /**
     * As the registry serves it: up to {@code limit} blocks after {@code skip}, oldest first. A negative
     * skip or limit is refused (the registry's database would fail on it).
     */
    @Override
    public void getBlocks(GetBlocksRequest request, StreamObserver<GetBlocksResponse> responses) {
        if (request.getSkip() < 0 || request.getLimit() < 0) {
            responses.onError(Status.INVALID_ARGUMENT
                    .withDescription("skip and limit must not be negative").asRuntimeException());
            return;
        }
        responses.onNext(GetBlocksResponse.newBuilder()
                .addAllBlocks(ledger.blocks(request.getSkip(), request.getLimit(), request.getIncludeTransactions()))
                .build());
        responses.onCompleted();
    }

    /**
     * The Merkle proof of a transaction in its block, computed as the registry's EventProverService computes
     * it; NOT_FOUND while the transaction is in no block. (Project Origin's registry declares this call but
     * leaves it unimplemented: it answers UNIMPLEMENTED. See ADR 0006.)
     */
    @Override
    public void getTransactionProof(GetTransactionProofRequest request,
            StreamObserver<GetTransactionProofResponse> responses) {
        ledger.proof(request.getId()).ifPresentOrElse(
                proof -> {
                    responses.onNext(GetTransactionProofResponse.newBuilder().setProof(proof).build());
                    responses.onCompleted();
                },
                () -> responses.onError(Status.NOT_FOUND
                        .withDescription("transaction " + request.getId() + " is in no block").asRuntimeException()));
    }
}
