package org.originrelay.commandapi.subscriptions.messaging;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.subscriptions.DeliveryTally.Counts;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerPrometheusCountersUnitTest {

    /** As RabbitMQ 3.10's rabbitmq_prometheus answers /metrics/detailed?family=channel_queue_metrics. */
    private static final String ANSWER = """
            # TYPE rabbitmq_detailed_channel_get_ack_total counter
            # HELP rabbitmq_detailed_channel_get_ack_total Total number of messages fetched with basic.get in manual acknowledgement mode
            rabbitmq_detailed_channel_get_ack_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 1
            rabbitmq_detailed_channel_get_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 0
            rabbitmq_detailed_channel_messages_delivered_ack_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 5
            rabbitmq_detailed_channel_messages_delivered_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 2
            rabbitmq_detailed_channel_messages_redelivered_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 1
            rabbitmq_detailed_channel_messages_acked_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 3
            rabbitmq_detailed_channel_get_empty_total{channel="<0.800.0>",vhost="/",queue="subscription.a"} 9
            rabbitmq_detailed_channel_messages_delivered_ack_total{vhost="/",queue="subscription.b",channel="<0.801.0>"} 4.0
            rabbitmq_detailed_channel_messages_acked_total{vhost="/",queue="subscription.b",channel="<0.801.0>"} 4.0
            rabbitmq_build_info{rabbitmq_version="3.10.8",prometheus_plugin_version="3.10.8"} 1
            """;

    @Test
    void deliveriesInEveryModeAndAcksPerQueueAndChannelWhateverTheLabelOrder() {
        Map<String, Map<String, Counts>> counts = BrokerPrometheusCounters.parse(ANSWER);

        assertThat(counts).containsOnlyKeys("subscription.a", "subscription.b");
        assertThat(counts.get("subscription.a")).containsExactly(Map.entry("<0.800.0>", new Counts(8, 3)));
        assertThat(counts.get("subscription.b")).containsExactly(Map.entry("<0.801.0>", new Counts(4, 4)));
    }
}
