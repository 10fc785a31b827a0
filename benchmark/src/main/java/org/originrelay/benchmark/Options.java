package org.originrelay.benchmark;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} arguments, each with a default. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, String.valueOf(fallback)));
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }
}
