package dev.spacetime.dashboard.model;

import java.util.Map;
import java.util.TreeMap;

/** Grafana "value" mapping: exact values shown as text in a colour. Keys are the values as strings. */
public record ValueMapping(String type, Map<String, Result> options) {

    public record Result(String color, int index, String text) {
    }

    public ValueMapping {
        options = new TreeMap<>(options);
    }

    /** Maps 0, 1, 2... to the given texts and colours, in order. */
    public static ValueMapping ordinal(String[] texts, String[] colors) {
        var options = new TreeMap<String, Result>();
        for (int i = 0; i < texts.length; i++) {
            options.put(Integer.toString(i), new Result(colors[i], i, texts[i]));
        }
        return new ValueMapping("value", options);
    }
}
