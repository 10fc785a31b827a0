package org.originrelay.benchmark;

import java.util.Arrays;

/**
 * Entry point of scripts/benchmark's driver:
 * <ul>
 *   <li>{@code commands --command=issue|transfer|slice --commands=N --in-flight=P}: N commands over REST,
 *       at most P without an outcome yet, outcomes read from {@code certificates.events};</li>
 *   <li>{@code bridge --messages=N}: N 2 KB messages into the bridge's NATS stream, counted on AMQP;</li>
 *   <li>{@code perftest --size=BYTES --seconds=S}: RabbitMQ PerfTest, 1 producer, 1 consumer, persistent,
 *       publisher confirms, a quorum queue;</li>
 *   <li>{@code proving --count=N}: the cost of one quantity commitment with its range proof, per scheme.</li>
 *   <li>{@code reset-bridge-stream --subscription=NAME}: deletes the bridge's JetStream stream before a
 *       {@code --start} run, so that a fresh bridge does not replay an earlier run's messages.</li>
 * </ul>
 * Each prints one {@code RESULT} line of {@code key=value} pairs that the script tabulates.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: commands|bridge|perftest --name=value...");
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        try {
            switch (args[0]) {
                case "commands" -> CommandLoad.run(options);
                case "bridge" -> BridgeLoad.run(options);
                case "perftest" -> PerfTestRun.run(options);
                case "proving" -> ProvingCost.run(options);
                case "reset-bridge-stream" -> BridgeLoad.resetStream(options);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            // The HTTP and AMQP clients' threads would keep the JVM alive.
            System.exit(1);
        }
        System.exit(0);
    }
}
