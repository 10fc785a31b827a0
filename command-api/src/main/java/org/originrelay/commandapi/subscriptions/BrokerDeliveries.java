package org.originrelay.commandapi.subscriptions;

import java.io.IOException;
import java.util.Map;

/** Where the broker reports deliveries and acks per queue and channel (its Prometheus plugin). */
public interface BrokerDeliveries {

    /** Per queue (broker name), per channel, the counts now. */
    Map<String, Map<String, DeliveryTally.Counts>> read() throws IOException;

    /** Where they are read, for the REST view and health. */
    String source();
}
