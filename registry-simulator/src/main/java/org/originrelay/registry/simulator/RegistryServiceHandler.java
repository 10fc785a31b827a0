package org.originrelay.registry.simulator;

import io.grpc.stub.StreamObserver;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsResponse;
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
}
