package org.originrelay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.messaging.consume.PermanentFailure;
import org.springframework.amqp.core.Message;

/**
 * Handles test messages by their body: {@code ok}, {@code fail-N} (fails transiently N times, then
 * succeeds), {@code always-fail}, {@code fail-until-cleared} (until {@link #faultCleared}), {@code poison}. Records every attempt and every success.
 */
class ScriptedHandler implements MessageHandler {

    final Map<String, List<Instant>> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    volatile boolean faultCleared;

    @Override
    public void handle(Message message) {
        String id = message.getMessageProperties().getMessageId();
        String script = new String(message.getBody(), StandardCharsets.UTF_8);
        List<Instant> tries = attempts.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
        tries.add(Instant.now());
        if (script.equals("poison")) {
            throw new PermanentFailure("body 'poison' can never be processed");
        }
        if (script.equals("fail-until-cleared") && !faultCleared) {
            throw new IllegalStateException("the fault is not cleared yet");
        }
        if (script.equals("always-fail")) {
            throw new IllegalStateException("downstream unavailable");
        }
        if (script.matches("fail-\\d+") && tries.size() <= Integer.parseInt(script.substring(5))) {
            throw new IllegalStateException("transient failure " + tries.size());
        }
        successes.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
    }

    int successesOf(String id) {
        AtomicInteger count = successes.get(id);
        return count == null ? 0 : count.get();
    }

    List<Instant> attemptsOf(String id) {
        return attempts.getOrDefault(id, List.of());
    }
}
