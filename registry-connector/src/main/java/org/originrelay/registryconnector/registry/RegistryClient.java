package org.originrelay.registryconnector.registry;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.originrelay.registry.protocol.ProtoIds;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusRequest;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc.RegistryServiceFutureStub;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * The registry calls the connector makes (send, status lookup, ledger read), asynchronous so that hundreds can be in flight, each
 * with its own deadline. Status lookups are repeated a few times on transient errors because asking
 * twice is harmless; a send is never repeated here, since a send that timed out may have arrived.
 */
public class RegistryClient implements AutoCloseable {

    private final RegistryServiceFutureStub stub;
    private final Duration deadline;
    private final Retry lookupRetry;
    private final ScheduledExecutorService retryScheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("registry-lookup-retry").daemon().factory());

    public RegistryClient(RegistryServiceFutureStub stub, Duration deadline, int lookupAttempts, Duration lookupBackoff) {
        this.stub = stub;
        this.deadline = deadline;
        this.lookupRetry = Retry.of("registry-status-lookup", RetryConfig.custom()
                .maxAttempts(lookupAttempts)
                .waitDuration(lookupBackoff)
                .retryOnException(RegistryErrors::isTransient)
                .build());
    }

    /** Sends one stored transaction (its serialized bytes, exactly as built and stored). */
    public CompletableFuture<Void> send(byte[] storedTransaction) {
        Transaction transaction;
        try {
            transaction = Transaction.parseFrom(storedTransaction);
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(e);
        }
        var request = SendTransactionsRequest.newBuilder().addTransactions(transaction).build();
        return completable(withDeadline().sendTransactions(request)).thenApply(response -> null);
    }

    public CompletableFuture<RegistryStatus> statusOf(String transactionId) {
        var request = GetTransactionStatusRequest.newBuilder().setId(transactionId).build();
        return Retry.decorateCompletionStage(lookupRetry, retryScheduler,
                        () -> completable(withDeadline().getTransactionStatus(request)))
                .get()
                .toCompletableFuture()
                .thenApply(response -> new RegistryStatus(response.getStatus(), response.getMessage()));
    }

    /**
     * Reads the ledger: whether the stream the stored transaction belongs to holds a transaction with
     * this id. The stream holds what the registry committed, so found means received and committed.
     * Harmless to repeat, so it gets the lookups' quick retries.
     */
    public CompletableFuture<Boolean> streamHolds(byte[] storedTransaction, String transactionId) {
        Transaction transaction;
        try {
            transaction = Transaction.parseFrom(storedTransaction);
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(e);
        }
        var request = GetStreamTransactionsRequest.newBuilder()
                .setStreamId(transaction.getHeader().getFederatedStreamId().getStreamId())
                .build();
        return Retry.decorateCompletionStage(lookupRetry, retryScheduler,
                        () -> completable(withDeadline().getStreamTransactions(request)))
                .get()
                .toCompletableFuture()
                .thenApply(response -> response.getTransactionsList().stream()
                        .anyMatch(committed -> TransactionIds.of(committed).equals(transactionId)));
    }

    /**
     * Reads every committed transaction of a certificate's stream, in order, exactly as the registry
     * returns them. Harmless to repeat, so it gets the lookups' quick retries.
     */
    public CompletableFuture<List<Transaction>> streamTransactions(UUID certificateId) {
        var request = GetStreamTransactionsRequest.newBuilder()
                .setStreamId(ProtoIds.uuid(certificateId))
                .build();
        return Retry.decorateCompletionStage(lookupRetry, retryScheduler,
                        () -> completable(withDeadline().getStreamTransactions(request)))
                .get()
                .toCompletableFuture()
                .thenApply(response -> List.copyOf(response.getTransactionsList()));
    }

    private RegistryServiceFutureStub withDeadline() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> CompletableFuture<T> completable(ListenableFuture<T> call) {
        var result = new CompletableFuture<T>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T value) {
                result.complete(value);
            }

            @Override
            public void onFailure(Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    @Override
    public void close() {
        retryScheduler.shutdownNow();
    }
}
