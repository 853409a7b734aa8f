package dev.spacetime.profiler.json;

import java.util.Map;

/**
 * Minimal streaming JSON writer (the profiler has no JSON library on purpose: it must stay dependency-free).
 * Commas are placed automatically; structure is the caller's responsibility. Strings are escaped per RFC 8259
 * (plus U+2028/U+2029 so the output is also safe inside JavaScript); lone surrogates are written as
 * {@code \\uXXXX} escapes so any Java string round-trips.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean afterValue;
    private boolean afterName;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter() {
        this(new StringBuilder(256));
    }

    /** Serialises maps (string keys), iterables, strings, numbers, booleans and null. */
    public static String toJson(Object value) {
        return new JsonWriter().value(value).toString();
    }

    public JsonWriter beginObject() {
        separator();
        out.append('{');
        afterValue = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        afterValue = true;
        return this;
    }

    public JsonWriter beginArray() {
        separator();
        out.append('[');
        afterValue = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        afterValue = true;
        return this;
    }

    public JsonWriter name(String name) {
        separator();
        quote(out, name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separator();
        if (s == null) {
            out.append("null");
        } else {
            quote(out, s);
        }
        afterValue = true;
        return this;
    }

    public JsonWriter value(long n) {
        separator();
        out.append(n);
        afterValue = true;
        return this;
    }

    public JsonWriter value(boolean b) {
        separator();
        out.append(b);
        afterValue = true;
        return this;
    }

    public JsonWriter value(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no representation for " + d);
        }
        separator();
        out.append(d); // Java's shortest round-trip form ("2.0", "1.0E-7") is valid JSON, as Jackson writes it
        afterValue = true;
        return this;
    }

    /**
     * Writes {@code unscaled / 10^scale} as an exact decimal (e.g. nanoseconds as microseconds with scale 3),
     * so exports never carry binary floating point noise and are byte-identical across runs.
     */
    public JsonWriter decimal(long unscaled, int scale) {
        separator();
        appendDecimal(out, unscaled, scale);
        afterValue = true;
        return this;
    }

    /** Writes an already serialised JSON value verbatim (the caller vouches that it is valid JSON). */
    public JsonWriter rawValue(String json) {
        separator();
        out.append(json);
        afterValue = true;
        return this;
    }

    /** Generic value: Map, Iterable, array of Object, CharSequence, Number, Boolean, Enum or null. */
    public JsonWriter value(Object v) {
        if (v == null) {
            return value((String) null);
        } else if (v instanceof CharSequence cs) {
            return value(cs.toString());
        } else if (v instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (v instanceof Double || v instanceof Float) {
            return value(((Number) v).doubleValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return value(((Number) v).longValue());
        } else if (v instanceof Enum<?> e) {
            return value(e.name());
        } else if (v instanceof Map<?, ?> map) {
            beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
                }
                name(key).value(e.getValue());
            }
            return endObject();
        } else if (v instanceof Iterable<?> it) {
            beginArray();
            for (Object o : it) {
                value(o);
            }
            return endArray();
        } else if (v instanceof Object[] arr) {
            return value(java.util.Arrays.asList(arr));
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separator() {
        if (afterName) {
            afterName = false;
        } else if (afterValue) {
            out.append(',');
        }
        afterValue = false;
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                        if (Character.isHighSurrogate(c)) {
                            sb.append(s.charAt(++i)); // the valid low half checked by isLoneSurrogate
                        }
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c); // a low half not consumed after its high half
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** Exact decimal of {@code unscaled / 10^scale}, trailing zeros trimmed ("1.5", "2", "-0.001"). */
    public static void appendDecimal(StringBuilder sb, long unscaled, int scale) {
        if (scale < 0 || scale > 18) {
            throw new IllegalArgumentException("scale out of range: " + scale);
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        if (unscaled < 0) {
            sb.append('-');
        }
        long abs = Math.abs(unscaled); // Long.MIN_VALUE nanos (292 years) never occurs in a duration
        sb.append(abs / pow);
        long frac = abs % pow;
        if (frac != 0) {
            int digits = scale;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            sb.append('.');
            String f = Long.toString(frac);
            for (int i = f.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(f);
        }
    }
}
