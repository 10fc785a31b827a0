package org.originrelay.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

final class Reachability {

    private Reachability() {
    }

    static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}
