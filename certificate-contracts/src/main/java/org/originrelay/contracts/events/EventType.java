package org.originrelay.contracts.events;

/**
 * One kind of event on the wire: its name (the AMQP {@code type} property), its record and its routing
 * key {@code <command>.<stage>}.
 */
public record EventType(Class<? extends CertificateEvent> javaType, CommandName command, Stage stage) {

    public String name() {
        return javaType.getSimpleName();
    }

    public String routingKey() {
        return command.key() + "." + stage.key();
    }
}
