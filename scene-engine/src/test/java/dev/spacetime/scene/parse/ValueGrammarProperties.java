package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ArrayArbitrary;

/**
 * The {@code .tscn} value grammar round-trips: a value printed the way Godot writes it parses back to an equal value.
 * The engine has no printer (it only reads scenes), so the printer below is the grammar written down independently
 * of the parser.
 */
class ValueGrammarProperties {
    private static final String HEAD = "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\nv = ";
    private final TscnParser parser = new TscnParser();

    @Property(tries = 1500)
    void printedValuesParseBackEqual(@ForAll("values") Value value) throws TscnParseException {
        String text = HEAD + print(value) + "\n";
        assertThat(parser.parse(text).nodes().get(0).properties().get("v")).as(text).isEqualTo(value);
    }

    @Provide
    Arbitrary<Value> values() {
        return value(3);
    }

    private static Arbitrary<Value> value(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Value> inner = value(depth - 1);
        Arbitrary<Value> array = Combinators.combine(Arbitraries.of("", "int", "String", "Node"),
                inner.list().ofMaxSize(4)).as((type, items) -> new Value.ArrayValue(
                        type.isEmpty() ? Optional.empty() : Optional.of(type), items));
        Arbitrary<Value> dict = Combinators.combine(leaf(), inner).as(Value.Entry::new).list().ofMaxSize(3)
                .map(entries -> new Value.DictValue(Optional.empty(), Optional.empty(), entries));
        Arbitrary<Value> call = Combinators.combine(Arbitraries.of("Callable", "Signal", "FutureType"),
                inner.list().ofMaxSize(3)).as(Value.Call::new);
        return Arbitraries.frequencyOf(Tuple.of(4, leaf()), Tuple.of(2, array), Tuple.of(2, dict), Tuple.of(1, call));
    }

    private static Arbitrary<Value> leaf() {
        Arbitrary<String> text = Arbitraries.strings().withChars("ab \"\\\n\t/é:{}[]()").ofMaxLength(8);
        Arbitrary<Double> real = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        ArrayArbitrary<Double, double[]> components = real.filter(Double::isFinite).array(double[].class);
        return Arbitraries.oneOf(
                Arbitraries.just(Value.Nil.INSTANCE),
                Arbitraries.of(true, false).map(Value.Bool::new),
                Arbitraries.longs().map(Value.Int::new),
                real.map(Value.Real::new),
                text.map(Value.Str::new),
                text.map(Value.StringName::new),
                text.map(Value.NodePath::new),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6).map(Value.ExtRef::new),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6).map(Value.SubRef::new),
                Combinators.combine(Arbitraries.of(MathType.VECTOR2, MathType.VECTOR3, MathType.COLOR,
                        MathType.TRANSFORM3D), components.ofSize(16)).as((t, c) ->
                        new Value.MathValue(t, java.util.Arrays.copyOf(c, arity(t)))),
                Arbitraries.integers().between(-1000, 1000).array(int[].class).ofSize(3)
                        .map(c -> new Value.MathValue(MathType.VECTOR3I, new double[] {c[0], c[1], c[2]})),
                components.ofMaxSize(5).map(c -> new Value.PackedNumbers("PackedFloat64Array", c)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(Value.PackedBytes::new),
                text.list().ofMaxSize(3).map(Value.PackedStrings::new));
    }

    private static int arity(MathType type) {
        return switch (type) {
            case VECTOR2 -> 2;
            case VECTOR3 -> 3;
            case COLOR -> 4;
            default -> 12;
        };
    }

    /** Godot's text form of a value. */
    static String print(Value v) {
        if (v instanceof Value.Nil) {
            return "null";
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        } else if (v instanceof Value.Real r) {
            return real(r.value());
        } else if (v instanceof Value.Str s) {
            return quote(s.value());
        } else if (v instanceof Value.StringName s) {
            return "&" + quote(s.value());
        } else if (v instanceof Value.NodePath p) {
            return "NodePath(" + quote(p.path()) + ")";
        } else if (v instanceof Value.ExtRef r) {
            return "ExtResource(" + quote(r.id()) + ")";
        } else if (v instanceof Value.SubRef r) {
            return "SubResource(" + quote(r.id()) + ")";
        } else if (v instanceof Value.MathValue m) {
            String components = m.type().integer()
                    ? java.util.Arrays.stream(m.components()).mapToObj(c -> Long.toString((long) c))
                            .collect(Collectors.joining(", "))
                    : reals(m.components());
            return m.type().godotName() + "(" + components + ")";
        } else if (v instanceof Value.PackedNumbers p) {
            return p.type() + "(" + reals(p.values()) + ")";
        } else if (v instanceof Value.PackedBytes b) {
            return "PackedByteArray(" + quote(Base64.getEncoder().encodeToString(b.bytes())) + ")";
        } else if (v instanceof Value.PackedStrings s) {
            return "PackedStringArray(" + s.values().stream().map(ValueGrammarProperties::quote)
                    .collect(Collectors.joining(", ")) + ")";
        } else if (v instanceof Value.ArrayValue a) {
            String items = "[" + join(a.items()) + "]";
            return a.elementType().map(t -> "Array[" + t + "](" + items + ")").orElse(items);
        } else if (v instanceof Value.DictValue d) {
            List<String> entries = new ArrayList<>();
            for (Value.Entry e : d.entries()) {
                entries.add(print(e.key()) + ": " + print(e.value()));
            }
            return "{\n" + String.join(",\n", entries) + "\n}";
        } else if (v instanceof Value.Call c) {
            return c.name() + "(" + join(c.args()) + ")";
        }
        throw new IllegalArgumentException("no printer for " + v);
    }

    private static String join(List<Value> values) {
        return values.stream().map(ValueGrammarProperties::print).collect(Collectors.joining(", "));
    }

    private static String reals(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(ValueGrammarProperties::real)
                .collect(Collectors.joining(", "));
    }

    private static String real(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "inf_neg";
        }
        return Double.toString(d); // always with '.' or an exponent, so it reads back as a real
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c); // a newline stays literal: strings may span lines
            }
        }
        return sb.append('"').toString();
    }
}
