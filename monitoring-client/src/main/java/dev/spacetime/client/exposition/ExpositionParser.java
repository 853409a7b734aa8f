package dev.spacetime.client.exposition;

import dev.spacetime.catalog.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (client_java 1.x has writers only). Rejects what
 * Prometheus itself would reject, and a little more: unknown escapes, repeated HELP/TYPE, TYPE after samples,
 * families split in two, duplicate series, histograms without {@code +Inf} or with decreasing buckets.
 */
public final class ExpositionParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:inf|infinity)|(?i:nan)");
    private static final Pattern TIMESTAMP = Pattern.compile("-?\\d{1,19}");

    private final Map<String, Builder> families = new LinkedHashMap<>();
    private final Set<String> closed = new HashSet<>();
    private Builder current;
    private int lineNo;

    private ExpositionParser() {
    }

    public static Exposition parse(String text) throws ExpositionException {
        ExpositionParser p = new ExpositionParser();
        for (String line : text.split("\n", -1)) {
            p.lineNo++;
            p.line(line);
        }
        List<MetricFamily> out = new ArrayList<>();
        for (Builder b : p.families.values()) {
            MetricFamily family = new MetricFamily(b.name, b.kind, b.help == null ? "" : b.help, b.samples);
            if (family.kind() == MetricKind.HISTOGRAM) {
                HistogramCheck.validate(family, b.firstLine);
            }
            out.add(family);
        }
        return new Exposition(out);
    }

    private static final class Builder {
        final String name;
        final int firstLine;
        MetricKind kind = MetricKind.UNTYPED;
        boolean typed;
        String help;
        final List<Sample> samples = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Builder(String name, int firstLine) {
            this.name = name;
            this.firstLine = firstLine;
        }
    }

    private void line(String line) throws ExpositionException {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("#")) {
            comment(line);
        } else {
            sample(new Cursor(line));
        }
    }

    private void comment(String line) throws ExpositionException {
        Cursor c = new Cursor(line);
        c.pos = 1;
        c.skipBlanks();
        String keyword = c.word();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE") || !c.blank()) {
            return; // any other comment
        }
        c.skipBlanks();
        String name = c.word();
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("invalid metric name in " + keyword + ": '" + name + "'");
        }
        Builder b = declare(name);
        if (keyword.equals("TYPE")) {
            c.skipBlanks();
            String type = c.word();
            c.skipBlanks();
            MetricKind kind = MetricKind.parse(type);
            if (kind == null || !c.atEnd()) {
                throw error("invalid TYPE for " + name + ": '" + line.substring(line.indexOf(type)) + "'");
            }
            if (b.typed) {
                throw error("second TYPE line for " + name);
            }
            if (!b.samples.isEmpty()) {
                throw error("TYPE line for " + name + " after its samples");
            }
            b.kind = kind;
            b.typed = true;
        } else {
            if (b.help != null) {
                throw error("second HELP line for " + name);
            }
            // One blank separates the name from the docstring; further blanks are part of it.
            b.help = c.atEnd() ? "" : unescapeHelp(line.substring(c.pos + 1));
        }
    }

    /** The family a HELP/TYPE line names, which becomes the current one. */
    private Builder declare(String name) throws ExpositionException {
        Builder b = families.get(name);
        if (b == null) {
            b = new Builder(name, lineNo);
            families.put(name, b);
        } else if (closed.contains(name)) {
            throw error("metadata for " + name + " after other families started");
        }
        switchTo(b);
        return b;
    }

    private void switchTo(Builder b) {
        if (current != null && current != b) {
            closed.add(current.name);
        }
        current = b;
    }

    private void sample(Cursor c) throws ExpositionException {
        String name = c.word('{');
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("invalid metric name '" + name + "'");
        }
        SortedMap<String, String> labels = c.peek() == '{' ? labels(c) : new TreeMap<>();
        if (!c.blank()) {
            throw error("expected a blank before the value of " + name);
        }
        c.skipBlanks();
        String valueText = c.word();
        if (!FLOAT.matcher(valueText).matches()) {
            throw error("invalid value '" + valueText + "' for " + name);
        }
        double value = parseFloat(valueText);
        c.skipBlanks();
        OptionalLong timestamp = OptionalLong.empty();
        if (!c.atEnd()) {
            String ts = c.word();
            c.skipBlanks();
            if (!TIMESTAMP.matcher(ts).matches() || !c.atEnd()) {
                throw error("invalid timestamp '" + ts + "' for " + name);
            }
            try {
                timestamp = OptionalLong.of(Long.parseLong(ts));
            } catch (NumberFormatException e) {
                throw error("timestamp out of range for " + name);
            }
        }
        Builder family = familyOf(name, labels);
        if (!family.seen.add(name + Sample.formatLabels(labels))) {
            throw error("duplicate series " + name + Sample.formatLabels(labels));
        }
        family.samples.add(new Sample(name, labels, value, timestamp));
    }

    /** The family a sample belongs to, checking the sample fits it; an undeclared name starts an untyped family. */
    private Builder familyOf(String name, SortedMap<String, String> labels) throws ExpositionException {
        Builder b = families.get(name);
        if (b == null) {
            b = suffixed(name, "_bucket", MetricKind.HISTOGRAM);
        }
        if (b == null) {
            b = suffixed(name, "_sum", MetricKind.HISTOGRAM, MetricKind.SUMMARY);
        }
        if (b == null) {
            b = suffixed(name, "_count", MetricKind.HISTOGRAM, MetricKind.SUMMARY);
        }
        if (b == null) {
            b = new Builder(name, lineNo);
            families.put(name, b);
        }
        if (closed.contains(b.name)) {
            throw error("samples of " + b.name + " are not together (another family came in between)");
        }
        switchTo(b);
        if (b.kind == MetricKind.HISTOGRAM && name.equals(b.name)) {
            throw error("histogram " + b.name + " has a sample without _bucket, _sum or _count");
        }
        if (name.equals(b.name + "_bucket") && !labels.containsKey(Labels.LE)) {
            throw error("bucket of " + b.name + " without an le label");
        }
        if (b.kind == MetricKind.SUMMARY && name.equals(b.name) && !labels.containsKey(MetricFamily.QUANTILE)) {
            throw error("summary " + b.name + " has a sample without a quantile label");
        }
        if (b.kind == MetricKind.HISTOGRAM && name.equals(b.name + "_bucket")) {
            String le = labels.get(Labels.LE);
            if (!FLOAT.matcher(le).matches()) {
                throw error("invalid le=\"" + le + "\" in " + name);
            }
        }
        return b;
    }

    private Builder suffixed(String name, String suffix, MetricKind... kinds) {
        if (!name.endsWith(suffix)) {
            return null;
        }
        Builder b = families.get(name.substring(0, name.length() - suffix.length()));
        if (b == null) {
            return null;
        }
        for (MetricKind k : kinds) {
            if (b.kind == k) {
                return b;
            }
        }
        return null;
    }

    private SortedMap<String, String> labels(Cursor c) throws ExpositionException {
        SortedMap<String, String> labels = new TreeMap<>();
        c.pos++; // '{'
        while (true) {
            c.skipBlanks();
            if (c.peek() == '}') {
                c.pos++;
                return labels;
            }
            int start = c.pos;
            while (c.pos < c.text.length() && isLabelChar(c.text.charAt(c.pos), c.pos == start)) {
                c.pos++;
            }
            String labelName = c.text.substring(start, c.pos);
            if (labelName.isEmpty()) {
                throw error("expected a label name at column " + (c.pos + 1));
            }
            c.skipBlanks();
            c.expect('=', this);
            c.skipBlanks();
            c.expect('"', this);
            String value = labelValue(c);
            if (labels.put(labelName, value) != null) {
                throw error("label " + labelName + " given twice");
            }
            c.skipBlanks();
            if (c.peek() == ',') {
                c.pos++;
            } else if (c.peek() != '}') {
                throw error("expected ',' or '}' at column " + (c.pos + 1));
            }
        }
    }

    private static boolean isLabelChar(char ch, boolean first) {
        return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || !first && ch >= '0' && ch <= '9';
    }

    private String labelValue(Cursor c) throws ExpositionException {
        StringBuilder sb = new StringBuilder();
        while (c.pos < c.text.length()) {
            char ch = c.text.charAt(c.pos++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch == '\\') {
                char next = c.pos < c.text.length() ? c.text.charAt(c.pos++) : 0;
                switch (next) {
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    case 'n' -> sb.append('\n');
                    default -> throw error("invalid escape in a label value at column " + c.pos);
                }
            } else {
                sb.append(ch);
            }
        }
        throw error("unterminated label value");
    }

    private String unescapeHelp(String raw) throws ExpositionException {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            char next = ++i < raw.length() ? raw.charAt(i) : 0;
            switch (next) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                default -> throw error("invalid escape in HELP at column " + (i + 1));
            }
        }
        return sb.toString();
    }

    /** Parses a value already matched by {@link #FLOAT} (Go's spellings of infinity and NaN included). */
    public static double parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("nan")) {
            return Double.NaN;
        }
        if (t.endsWith("inf") || t.endsWith("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    ExpositionException error(String message) {
        return new ExpositionException(lineNo, message);
    }

    /** A position in one line. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        boolean blank() {
            return peek() == ' ' || peek() == '\t';
        }

        void skipBlanks() {
            while (blank()) {
                pos++;
            }
        }

        /** Up to the next blank (or {@code stop}), possibly empty. */
        String word(char stop) {
            int start = pos;
            while (pos < text.length() && !blank() && text.charAt(pos) != stop) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String word() {
            return word(' ');
        }

        void expect(char ch, ExpositionParser parser) throws ExpositionException {
            if (peek() != ch) {
                throw parser.error("expected '" + ch + "' at column " + (pos + 1));
            }
            pos++;
        }
    }
}
