package dev.spacetime.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A typed view of one YAML mapping. Values may be strings (environment and command line) or YAML scalars. Every key
 * read is remembered so {@link #rejectUnknown()} can turn a typo into an error instead of a silently ignored setting.
 */
final class ConfigNode {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();
    private final List<ConfigNode> children = new ArrayList<>();

    ConfigNode(String path, Map<?, ?> raw) {
        this.path = path;
        this.values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(String.valueOf(k), v));
    }

    String string(String key, String defaultValue) {
        Object v = take(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "must be a scalar");
        }
        return String.valueOf(v);
    }

    long integer(String key, long defaultValue, long min, long max) {
        Object v = take(key);
        if (v == null) {
            return defaultValue;
        }
        long n;
        try {
            n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw error(key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    /** {@code true}/{@code false} (YAML booleans, or the strings from the environment and command line). */
    boolean bool(String key, boolean defaultValue) {
        Object v = take(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(v).trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "must be true or false, got '" + v + "'");
        };
    }

    double decimal(String key, double defaultValue, double min, double max) {
        Object v = take(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = v instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw error(key, "must be between " + min + " and " + max + ", got " + v);
        }
        return d;
    }

    List<String> strings(String key) {
        Object v = take(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw error(key, "must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** Every key of this mapping, each a list of strings: for mappings whose keys are data (environment names). */
    Map<String, List<String>> listsByKey() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : List.copyOf(values.keySet())) {
            out.put(key, strings(key));
        }
        return out;
    }

    ConfigNode node(String key) {
        Object v = take(key);
        if (v != null && !(v instanceof Map)) {
            throw error(key, "must be a mapping");
        }
        ConfigNode child = new ConfigNode(qualified(key), v == null ? Map.of() : (Map<?, ?>) v);
        children.add(child);
        return child;
    }

    /** Fails on the first key of this node or its children that no setting read. */
    void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException("unknown configuration key '" + qualified(key) + "'");
            }
        }
        children.forEach(ConfigNode::rejectUnknown);
    }

    private Object take(String key) {
        read.add(key);
        return values.get(key);
    }

    private ConfigException error(String key, String problem) {
        return new ConfigException("configuration key '" + qualified(key) + "' " + problem);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
