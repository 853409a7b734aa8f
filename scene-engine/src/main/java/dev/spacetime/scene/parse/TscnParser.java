package dev.spacetime.scene.parse;

import dev.spacetime.scene.Cancellation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parser for Godot text scenes ({@code .tscn}), formats 2 (Godot 3) to 4 (Godot 4.x). Recursive descent over the
 * whole text with explicit limits (size, nesting, value count, string length) so that no input can overflow the
 * stack, exhaust the heap or loop forever. Thread-safe: each call parses with its own state.
 */
public final class TscnParser {
    private static final int MAX_NUMBER_CHARS = 400;
    private static final int MAX_SHARED = 4096;
    private static final int MAX_SHARED_CHARS = 64;
    private static final Map<String, PackedKind> PACKED = packedKinds();

    private final ParseLimits limits;

    public TscnParser(ParseLimits limits) {
        this.limits = limits;
    }

    public TscnParser() {
        this(ParseLimits.DEFAULTS);
    }

    public ParseLimits limits() {
        return limits;
    }

    /** Parses UTF-8 bytes (a leading BOM is ignored); invalid UTF-8 is a parse error. */
    public SceneFile parse(byte[] utf8) throws TscnParseException {
        if (utf8.length > limits.maxBytes()) {
            throw TscnParseException.tooLarge(utf8.length, limits.maxBytes());
        }
        return parse(decode(utf8));
    }

    public SceneFile parse(String text) throws TscnParseException {
        if (text.length() > limits.maxBytes()) {
            throw TscnParseException.tooLarge(text.length(), limits.maxBytes());
        }
        return new Run(text).file();
    }

    private static String decode(byte[] utf8) throws TscnParseException {
        int start = utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB
                && (utf8[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8, start, utf8.length - start);
        CharBuffer out = CharBuffer.allocate(utf8.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (utf8[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new TscnParseException("invalid UTF-8 byte sequence", line, offset - lineStart + 1);
        }
        out.flip();
        return out.toString();
    }

    /** Element shape of a packed array constructor. */
    private record PackedKind(String type, int width, boolean integer, boolean bytes, boolean strings) {
    }

    private static Map<String, PackedKind> packedKinds() {
        Map<String, PackedKind> m = new LinkedHashMap<>();
        PackedKind bytes = new PackedKind("PackedByteArray", 1, true, true, false);
        PackedKind int32 = new PackedKind("PackedInt32Array", 1, true, false, false);
        PackedKind float32 = new PackedKind("PackedFloat32Array", 1, false, false, false);
        PackedKind vec2 = new PackedKind("PackedVector2Array", 2, false, false, false);
        PackedKind vec3 = new PackedKind("PackedVector3Array", 3, false, false, false);
        PackedKind color = new PackedKind("PackedColorArray", 4, false, false, false);
        PackedKind strings = new PackedKind("PackedStringArray", 1, false, false, true);
        for (PackedKind k : List.of(bytes, int32, float32, vec2, vec3, color, strings,
                new PackedKind("PackedInt64Array", 1, true, false, false),
                new PackedKind("PackedFloat64Array", 1, false, false, false),
                new PackedKind("PackedVector4Array", 4, false, false, false))) {
            m.put(k.type(), k);
        }
        // Godot 3 (format 2) names.
        m.put("PoolByteArray", bytes);
        m.put("PoolIntArray", int32);
        m.put("PoolRealArray", float32);
        m.put("PoolVector2Array", vec2);
        m.put("PoolVector3Array", vec3);
        m.put("PoolColorArray", color);
        m.put("PoolStringArray", strings);
        return Map.copyOf(m);
    }

    /** State of one parse. */
    private final class Run {
        private final String s;
        private final int n;
        // One instance per distinct short string: every node repeats "name", "type", "Node3D", "." and the like,
        // and a 50,000-node scene kept them 50,000 times over. Bounded, and dropped with the run.
        private final Map<String, String> shared = new HashMap<>();
        private int pos;
        private int values;
        private int nodeSections;
        // Incremental line counter for section line numbers (sections arrive in file order).
        private int linePos;
        private int lineNo = 1;

        Run(String s) {
            this.s = s;
            this.n = s.length();
        }

        SceneFile file() throws TscnParseException {
            SceneFile.Header header = null;
            List<SceneFile.ExtResource> ext = new ArrayList<>();
            List<SceneFile.SubResource> sub = new ArrayList<>();
            List<SceneFile.Node> nodes = new ArrayList<>();
            List<SceneFile.Connection> connections = new ArrayList<>();
            List<SceneFile.Editable> editables = new ArrayList<>();
            while (true) {
                Cancellation.check();
                skipBlankAndComments();
                if (pos >= n) {
                    break;
                }
                int at = pos;
                if (s.charAt(pos) != '[') {
                    throw error(header == null ? "expected [gd_scene ...] header" : "expected a section header '['",
                            at);
                }
                pos++;
                String tag = identifier();
                if (tag.equals("node") && ++nodeSections > limits.maxNodes()) {
                    throw error("scene has more than " + limits.maxNodes() + " nodes", at);
                }
                Map<String, Value> attrs = attributes(tag);
                Map<String, Value> props = properties();
                int line = lineAt(at);
                if (header == null) {
                    if (!tag.equals("gd_scene")) {
                        throw error("a scene file must start with [gd_scene ...], found [" + tag + "]", at);
                    }
                    header = header(attrs, at);
                    continue;
                }
                switch (tag) {
                    case "ext_resource" -> ext.add(new SceneFile.ExtResource(id(attrs, tag, at),
                            optString(attrs, "type", tag, at), reqString(attrs, "path", tag, at),
                            optString(attrs, "uid", tag, at), line));
                    case "sub_resource" -> sub.add(new SceneFile.SubResource(id(attrs, tag, at),
                            optString(attrs, "type", tag, at), props, line));
                    case "node" -> nodes.add(node(attrs, props, at, line));
                    case "connection" -> connections.add(new SceneFile.Connection(
                            reqString(attrs, "signal", tag, at), reqString(attrs, "from", tag, at),
                            reqString(attrs, "to", tag, at), reqString(attrs, "method", tag, at),
                            optLong(attrs, "flags", tag, at).orElse(0L).intValue(), attrs, line));
                    case "editable" -> editables.add(new SceneFile.Editable(reqString(attrs, "path", tag, at), line));
                    case "gd_scene" -> throw error("duplicate [gd_scene] header", at);
                    default -> throw error("unknown section [" + tag + "]", at);
                }
            }
            if (header == null) {
                throw error("empty input: expected [gd_scene ...] header", pos);
            }
            return new SceneFile(header, ext, sub, nodes, connections, editables);
        }

        private SceneFile.Header header(Map<String, Value> attrs, int at) throws TscnParseException {
            long format = optLong(attrs, "format", "gd_scene", at)
                    .orElseThrow(() -> error("[gd_scene] has no format attribute", at));
            if (format < 2 || format > 4) {
                throw error("unsupported scene format " + format + " (supported: 2, 3, 4)", at);
            }
            Optional<Long> steps = optLong(attrs, "load_steps", "gd_scene", at);
            return new SceneFile.Header((int) format,
                    steps.isPresent() ? OptionalInt.of(steps.get().intValue()) : OptionalInt.empty(),
                    optString(attrs, "uid", "gd_scene", at), attrs);
        }

        private SceneFile.Node node(Map<String, Value> attrs, Map<String, Value> props, int at, int line)
                throws TscnParseException {
            String name = reqString(attrs, "name", "node", at);
            if (name.isEmpty()) {
                throw error("[node] name is empty", at);
            }
            Optional<String> instance = Optional.empty();
            Value inst = attrs.get("instance");
            if (inst != null) {
                if (!(inst instanceof Value.ExtRef ref)) {
                    throw error("[node] instance must be ExtResource(...)", at);
                }
                instance = Optional.of(ref.id());
            }
            List<String> groups = new ArrayList<>();
            Value g = attrs.get("groups");
            if (g != null) {
                if (!(g instanceof Value.ArrayValue array)) {
                    throw error("[node] groups must be an array of strings", at);
                }
                for (Value item : array.items()) {
                    groups.add(text(item).orElseThrow(() -> error("[node] groups must be an array of strings", at)));
                }
            }
            OptionalInt index = OptionalInt.empty();
            Value idx = attrs.get("index");
            if (idx != null) {
                // Godot 4 writes index="3", Godot 3 index=3.
                String digits = idx instanceof Value.Int i ? Long.toString(i.value()) : text(idx).orElse("");
                if (!digits.matches("\\d{1,9}")) {
                    throw error("[node] index must be a non-negative integer", at);
                }
                index = OptionalInt.of(Integer.parseInt(digits));
            }
            return new SceneFile.Node(name, optString(attrs, "type", "node", at),
                    optString(attrs, "parent", "node", at), instance, groups, index, attrs, props, line);
        }

        // --- section attributes and properties -------------------------------------------------------------------

        private Map<String, Value> attributes(String tag) throws TscnParseException {
            Map<String, Value> attrs = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (pos >= n) {
                    throw error("unterminated [" + tag + "] header", pos);
                }
                if (s.charAt(pos) == ']') {
                    pos++;
                    expectEndOfLine();
                    return attrs;
                }
                String key = identifier();
                skipWhitespace();
                expect('=');
                attrs.put(key, value(0));
            }
        }

        private Map<String, Value> properties() throws TscnParseException {
            Map<String, Value> props = new LinkedHashMap<>();
            while (true) {
                skipBlankAndComments();
                if (pos >= n || s.charAt(pos) == '[') {
                    return props;
                }
                String key;
                int keyStart = pos;
                if (s.charAt(pos) == '"') {
                    key = string();
                } else {
                    while (pos < n && s.charAt(pos) != '=' && s.charAt(pos) != '\n') {
                        pos++;
                    }
                    key = shared(s.substring(keyStart, pos).strip());
                }
                skipSpaces();
                if (pos >= n || s.charAt(pos) != '=') {
                    throw error("expected '=' after property name", pos);
                }
                if (key.isEmpty()) {
                    throw error("empty property name", keyStart);
                }
                pos++;
                props.put(key, value(0));
                expectEndOfLine();
            }
        }

        /** After a header or a property only a comment may follow on the same line. */
        private void expectEndOfLine() throws TscnParseException {
            skipSpaces();
            if (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != ';') {
                throw error("unexpected '" + s.charAt(pos) + "' after value; expected end of line", pos);
            }
        }

        // --- values ----------------------------------------------------------------------------------------------

        private Value value(int depth) throws TscnParseException {
            skipWhitespace();
            if (depth > limits.maxDepth()) {
                throw error("values nested deeper than " + limits.maxDepth() + " levels", pos);
            }
            if (++values > limits.maxValues()) {
                throw error("more than " + limits.maxValues() + " values in one file", pos);
            }
            if (pos >= n) {
                throw error("unexpected end of input, expected a value", pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '"':
                    return new Value.Str(string());
                case '&':
                    pos++;
                    requireQuote("StringName");
                    return new Value.StringName(string());
                case '^':
                    pos++;
                    requireQuote("NodePath");
                    return new Value.NodePath(string());
                case '[':
                    pos++;
                    return new Value.ArrayValue(Optional.empty(), sequence(']', depth));
                case '{':
                    return dictionary(depth);
                default:
                    if (c == '-' || c == '+' || c == '.' || isDigit(c)) {
                        return number();
                    }
                    if (isIdentStart(c)) {
                        return identifierValue(depth);
                    }
                    throw error("unexpected character '" + printable(c) + "', expected a value", pos);
            }
        }

        private void requireQuote(String what) throws TscnParseException {
            if (pos >= n || s.charAt(pos) != '"') {
                throw error("expected '\"' to start a " + what, pos);
            }
        }

        private Value number() throws TscnParseException {
            int start = pos;
            boolean negative = false;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
                negative = s.charAt(pos) == '-';
                pos++;
            }
            if (s.startsWith("inf", pos) && !identAt(pos + 3)) {
                pos += 3;
                return new Value.Real(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (s.startsWith("nan", pos) && !identAt(pos + 3)) {
                pos += 3;
                return new Value.Real(Double.NaN);
            }
            int digits = skipDigits();
            boolean real = false;
            if (pos < n && s.charAt(pos) == '.') {
                real = true;
                pos++;
                digits += skipDigits();
            }
            if (digits == 0) {
                throw error("malformed number", start);
            }
            if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                real = true;
                pos++;
                if (pos < n && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                    pos++;
                }
                if (skipDigits() == 0) {
                    throw error("malformed exponent in number", start);
                }
            }
            if (identAt(pos) || pos < n && s.charAt(pos) == '.') {
                throw error("malformed number", start);
            }
            if (pos - start > MAX_NUMBER_CHARS) {
                throw error("number literal longer than " + MAX_NUMBER_CHARS + " characters", start);
            }
            String text = s.substring(s.charAt(start) == '+' ? start + 1 : start, pos);
            if (!real) {
                try {
                    return new Value.Int(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw error("integer literal out of 64-bit range", start);
                }
            }
            return new Value.Real(Double.parseDouble(text));
        }

        private int skipDigits() {
            int from = pos;
            while (pos < n && isDigit(s.charAt(pos))) {
                pos++;
            }
            return pos - from;
        }

        private Value identifierValue(int depth) throws TscnParseException {
            int start = pos;
            String name = identifier();
            // Constructors are written without a space before '(' or '['; a keyword may end a line.
            boolean call = pos < n && (s.charAt(pos) == '(' || s.charAt(pos) == '[');
            if (!call) {
                switch (name) {
                    case "true":
                        return new Value.Bool(true);
                    case "false":
                        return new Value.Bool(false);
                    case "null":
                    case "nil":
                        return Value.Nil.INSTANCE;
                    case "inf":
                        return new Value.Real(Double.POSITIVE_INFINITY);
                    case "inf_neg":
                        return new Value.Real(Double.NEGATIVE_INFINITY);
                    case "nan":
                        return new Value.Real(Double.NaN);
                    default:
                        throw error("unknown identifier '" + name + "'", start);
                }
            }
            List<String> typeParams = List.of();
            if (s.charAt(pos) == '[') {
                typeParams = typeParameters(depth);
                skipWhitespace();
                if (pos >= n || s.charAt(pos) != '(') {
                    throw error("expected '(' after " + name + "[...]", pos);
                }
            }
            pos++;
            return call(name, typeParams, depth, start);
        }

        private List<String> typeParameters(int depth) throws TscnParseException {
            pos++;
            List<String> params = new ArrayList<>();
            while (true) {
                skipWhitespace();
                int start = pos;
                identifier();
                skipWhitespace();
                if (pos < n && s.charAt(pos) == '(') {
                    // A script class as element type: Array[ExtResource("1_x")]([...]).
                    pos++;
                    sequence(')', depth + 1);
                }
                params.add(s.substring(start, pos).strip());
                skipWhitespace();
                if (pos < n && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < n && s.charAt(pos) == ']') {
                    pos++;
                    return params;
                } else {
                    throw error("expected ',' or ']' in type parameters", pos);
                }
            }
        }

        /** Parses the arguments of {@code name(} (the parenthesis is consumed). */
        private Value call(String name, List<String> typeParams, int depth, int start) throws TscnParseException {
            switch (name) {
                case "Array": {
                    typeParamCount(name, typeParams, 1, start);
                    List<Value> args = sequence(')', depth);
                    return new Value.ArrayValue(typeParams.stream().findFirst(),
                            single(name, args, Value.ArrayValue.class, start).items());
                }
                case "Dictionary": {
                    typeParamCount(name, typeParams, 2, start);
                    List<Value> args = sequence(')', depth);
                    Value.DictValue dict = single(name, args, Value.DictValue.class, start);
                    return new Value.DictValue(typeParams.stream().findFirst(),
                            typeParams.stream().skip(1).findFirst(), dict.entries());
                }
                default:
                    break;
            }
            if (!typeParams.isEmpty()) {
                throw error("type parameters are only allowed on Array and Dictionary, not " + name, start);
            }
            if (name.equals("Object")) {
                return object(depth);
            }
            List<Value> args = sequence(')', depth);
            switch (name) {
                case "ExtResource":
                    return new Value.ExtRef(resourceId(name, args, start));
                case "SubResource":
                    return new Value.SubRef(resourceId(name, args, start));
                case "NodePath":
                    return new Value.NodePath(args.isEmpty() ? "" : text(single(name, args, Value.class, start))
                            .orElseThrow(() -> error("NodePath takes a string", start)));
                case "StringName":
                    return new Value.StringName(text(single(name, args, Value.class, start))
                            .orElseThrow(() -> error("StringName takes a string", start)));
                default:
                    break;
            }
            Optional<MathType> math = MathType.byName(name);
            if (math.isPresent()) {
                return mathValue(math.get(), args, start);
            }
            PackedKind packed = PACKED.get(name);
            if (packed != null) {
                return packedValue(packed, args, start);
            }
            return new Value.Call(name, args);
        }

        private void typeParamCount(String name, List<String> params, int expected, int at)
                throws TscnParseException {
            if (!params.isEmpty() && params.size() != expected) {
                throw error(name + " takes " + expected + " type parameter(s), got " + params.size(), at);
            }
        }

        private <T extends Value> T single(String name, List<Value> args, Class<T> type, int at)
                throws TscnParseException {
            if (args.size() != 1 || !type.isInstance(args.get(0))) {
                throw error(name + "(...) takes exactly one " + type.getSimpleName() + " argument", at);
            }
            return type.cast(args.get(0));
        }

        private String resourceId(String name, List<Value> args, int at) throws TscnParseException {
            if (args.size() == 1 && args.get(0) instanceof Value.Str str) {
                return str.value();
            }
            if (args.size() == 1 && args.get(0) instanceof Value.Int i) {
                return Long.toString(i.value());
            }
            throw error(name + "(...) takes one string or integer id", at);
        }

        private Value object(int depth) throws TscnParseException {
            skipWhitespace();
            String className = identifier();
            List<Value.Entry> props = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos >= n) {
                    throw error("unterminated Object(...)", pos);
                }
                char c = s.charAt(pos);
                if (c == ')') {
                    pos++;
                    return new Value.ObjectValue(className, props);
                }
                if (c != ',') {
                    throw error("expected ',' or ')' in Object(...)", pos);
                }
                pos++;
                skipWhitespace();
                if (pos < n && s.charAt(pos) == ')') {
                    continue;
                }
                Value key = value(depth + 1);
                skipWhitespace();
                expect(':');
                props.add(new Value.Entry(key, value(depth + 1)));
            }
        }

        private Value mathValue(MathType type, List<Value> args, int at) throws TscnParseException {
            if (args.size() < type.minArity() || args.size() > type.maxArity()) {
                String arity = type.minArity() == type.maxArity() ? Integer.toString(type.minArity())
                        : type.minArity() + " or " + type.maxArity();
                throw error(type.godotName() + " takes " + arity + " numbers, got " + args.size(), at);
            }
            double[] c = new double[type.maxArity()];
            for (int i = 0; i < args.size(); i++) {
                c[i] = numeric(args.get(i), type.integer(), type.godotName(), at);
            }
            if (type == MathType.COLOR && args.size() == 3) {
                c[3] = 1.0;
            }
            return new Value.MathValue(type, c);
        }

        private double numeric(Value v, boolean integer, String what, int at) throws TscnParseException {
            if (v instanceof Value.Int i) {
                return i.value();
            }
            if (!integer && v instanceof Value.Real r) {
                return r.value();
            }
            throw error(what + " expects " + (integer ? "integers" : "numbers") + " as arguments", at);
        }

        private Value packedValue(PackedKind kind, List<Value> args, int at) throws TscnParseException {
            if (kind.strings()) {
                List<String> strings = new ArrayList<>(args.size());
                for (Value v : args) {
                    strings.add(text(v).orElseThrow(() -> error(kind.type() + " expects strings", at)));
                }
                return new Value.PackedStrings(strings);
            }
            if (kind.bytes()) {
                if (args.size() == 1 && args.get(0) instanceof Value.Str b64) {
                    try {
                        return new Value.PackedBytes(Base64.getDecoder().decode(b64.value()));
                    } catch (IllegalArgumentException e) {
                        throw error("PackedByteArray holds invalid base64", at);
                    }
                }
                byte[] bytes = new byte[args.size()];
                for (int i = 0; i < bytes.length; i++) {
                    double b = numeric(args.get(i), true, kind.type(), at);
                    if (b < 0 || b > 255) {
                        throw error("PackedByteArray element out of range 0..255", at);
                    }
                    bytes[i] = (byte) b;
                }
                return new Value.PackedBytes(bytes);
            }
            double[] buf = new double[Math.max(4, args.size() * kind.width())];
            int size = 0;
            for (Value v : args) {
                if (v instanceof Value.MathValue m) {
                    // Tolerate element constructors, e.g. PackedVector2Array(Vector2(1, 2)).
                    double[] comps = m.components();
                    for (double d : comps) {
                        if (size == buf.length) {
                            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[size++] = d;
                    }
                } else {
                    if (size == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[size++] = numeric(v, kind.integer(), kind.type(), at);
                }
            }
            if (size % kind.width() != 0) {
                throw error(kind.type() + " needs a multiple of " + kind.width() + " numbers, got " + size, at);
            }
            return new Value.PackedNumbers(kind.type(), java.util.Arrays.copyOf(buf, size));
        }

        private Value dictionary(int depth) throws TscnParseException {
            pos++;
            List<Value.Entry> entries = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos >= n) {
                    throw error("unterminated dictionary", pos);
                }
                if (s.charAt(pos) == '}') {
                    pos++;
                    return new Value.DictValue(Optional.empty(), Optional.empty(), entries);
                }
                Value key = value(depth + 1);
                skipWhitespace();
                expect(':');
                entries.add(new Value.Entry(key, value(depth + 1)));
                skipWhitespace();
                if (pos < n && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < n && s.charAt(pos) != '}') {
                    throw error("expected ',' or '}' in dictionary", pos);
                }
            }
        }

        /** Comma-separated values up to {@code close} (the opening bracket is consumed); a trailing comma is ok. */
        private List<Value> sequence(char close, int depth) throws TscnParseException {
            List<Value> items = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos >= n) {
                    throw error("unexpected end of input, expected '" + close + "'", pos);
                }
                if (s.charAt(pos) == close) {
                    pos++;
                    return items;
                }
                items.add(value(depth + 1));
                skipWhitespace();
                if (pos < n && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < n && s.charAt(pos) != close) {
                    throw error("expected ',' or '" + close + "'", pos);
                }
            }
        }

        private String string() throws TscnParseException {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= n) {
                    throw error("unterminated string", start);
                }
                if (sb.length() > limits.maxStringChars()) {
                    throw error("string longer than " + limits.maxStringChars() + " characters", start);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.length() <= MAX_SHARED_CHARS ? shared(sb.toString()) : sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= n) {
                    throw error("unterminated string", start);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> sb.appendCodePoint(hex(4, pos - 2));
                    case 'U' -> sb.appendCodePoint(hex(6, pos - 2));
                    // Godot keeps the character of any other escape (\" \\ \' \/ ...).
                    default -> sb.append(e);
                }
            }
        }

        private int hex(int digits, int at) throws TscnParseException {
            if (pos + digits > n) {
                throw error("truncated unicode escape", at);
            }
            int cp = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(s.charAt(pos++), 16);
                if (d < 0) {
                    throw error("invalid unicode escape", at);
                }
                cp = cp * 16 + d;
            }
            if (cp > Character.MAX_CODE_POINT) {
                throw error("unicode escape beyond U+10FFFF", at);
            }
            return cp;
        }

        // --- lexical helpers -------------------------------------------------------------------------------------

        private String shared(String text) {
            String known = shared.get(text);
            if (known != null) {
                return known;
            }
            if (shared.size() < MAX_SHARED) {
                shared.put(text, text);
            }
            return text;
        }

        private String identifier() throws TscnParseException {
            int start = pos;
            if (pos >= n || !isIdentStart(s.charAt(pos))) {
                throw error(pos >= n ? "unexpected end of input, expected a name"
                        : "expected a name, found '" + printable(s.charAt(pos)) + "'", pos);
            }
            while (pos < n && identAt(pos)) {
                pos++;
            }
            return shared(s.substring(start, pos));
        }

        private void expect(char c) throws TscnParseException {
            if (pos >= n) {
                throw error("unexpected end of input, expected '" + c + "'", pos);
            }
            if (s.charAt(pos) != c) {
                throw error("expected '" + c + "', found '" + printable(s.charAt(pos)) + "'", pos);
            }
            pos++;
        }

        private void skipWhitespace() {
            while (pos < n && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private void skipSpaces() {
            while (pos < n && s.charAt(pos) != '\n' && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private void skipBlankAndComments() {
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == ';') {
                    while (pos < n && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private boolean identAt(int i) {
            return i < n && (isIdentStart(s.charAt(i)) || isDigit(s.charAt(i)));
        }

        private int lineAt(int at) {
            if (at < linePos) {
                linePos = 0;
                lineNo = 1;
            }
            for (; linePos < at; linePos++) {
                if (s.charAt(linePos) == '\n') {
                    lineNo++;
                }
            }
            return lineNo;
        }

        private TscnParseException error(String message, int at) {
            int p = Math.min(at, n);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < p; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new TscnParseException(message, line, p - lineStart + 1);
        }

        // --- attribute accessors ---------------------------------------------------------------------------------

        private String id(Map<String, Value> attrs, String tag, int at) throws TscnParseException {
            Value v = attrs.get("id");
            if (v instanceof Value.Str str) {
                return str.value();
            }
            if (v instanceof Value.Int i) {
                return Long.toString(i.value());
            }
            throw error("[" + tag + "] needs an id (string or integer)", at);
        }

        private String reqString(Map<String, Value> attrs, String key, String tag, int at)
                throws TscnParseException {
            return optString(attrs, key, tag, at).orElseThrow(() -> error("[" + tag + "] needs " + key, at));
        }

        private Optional<String> optString(Map<String, Value> attrs, String key, String tag, int at)
                throws TscnParseException {
            Value v = attrs.get(key);
            if (v == null) {
                return Optional.empty();
            }
            return Optional.of(text(v).orElseThrow(() -> error("[" + tag + "] " + key + " must be a string", at)));
        }

        private Optional<Long> optLong(Map<String, Value> attrs, String key, String tag, int at)
                throws TscnParseException {
            Value v = attrs.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof Value.Int i) {
                return Optional.of(i.value());
            }
            throw error("[" + tag + "] " + key + " must be an integer", at);
        }
    }

    private static Optional<String> text(Value v) {
        if (v instanceof Value.Str s) {
            return Optional.of(s.value());
        }
        if (v instanceof Value.StringName s) {
            return Optional.of(s.value());
        }
        if (v instanceof Value.NodePath p) {
            return Optional.of(p.path());
        }
        return Optional.empty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
