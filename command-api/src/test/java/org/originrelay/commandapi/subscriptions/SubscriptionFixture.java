package org.originrelay.commandapi.subscriptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.originrelay.commandapi.HttpApi;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** What the subscription tests share: publishing as the bridge does, queue counts, cleaning up. */
final class SubscriptionFixture {

    private final HttpApi api;
    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final SubscriptionNames names;

    SubscriptionFixture(HttpApi api, RabbitTemplate rabbit, AmqpAdmin admin, SubscriptionNames names) {
        this.api = api;
        this.rabbit = rabbit;
        this.admin = admin;
        this.names = names;
    }

    static String body(String name, String exchange, String bindings, String retry) {
        return "{\"name\":\"" + name + "\",\"exchange\":\"" + exchange + "\",\"bindings\":[" + bindings + "]"
                + (retry == null ? "" : ",\"retry\":" + retry) + "}";
    }

    /** A provisioning event as provisioning-bridge publishes it: JSON body, message id, persistent. */
    String publishProvisioning(String routingKey, String json) {
        String messageId = "udm-test:" + UUID.randomUUID();
        Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
                .setMessageId(messageId)
                .setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader("publisher-name", "udm-listener")
                .build();
        rabbit.send(names.exchange("provisioning.events"), routingKey, message);
        return messageId;
    }

    long ready(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? -1 : info.getMessageCount();
    }

    /** Deletes every subscription (forced) and the shared delay queues the tests used. */
    void deleteEverything(Duration... delays) {
        var list = api.get("/api/v1/subscriptions").body();
        if (list != null) {
            list.forEach(subscription -> api.delete("/api/v1/subscriptions/" + subscription.get("name").asString()
                    + "?force=true"));
        }
        for (Duration delay : delays) {
            admin.deleteQueue(names.delayQueue(delay));
        }
    }
}
