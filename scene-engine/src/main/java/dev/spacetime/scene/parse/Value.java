package dev.spacetime.scene.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A property or attribute value of a Godot text scene, as written in the file. */
public sealed interface Value {

    /** {@code null} (also Godot 3's {@code nil}). */
    record Nil() implements Value {
        public static final Nil INSTANCE = new Nil();
    }

    record Bool(boolean value) implements Value {
    }

    /** A 64-bit integer literal; literals outside that range are parse errors. */
    record Int(long value) implements Value {
    }

    /** A floating-point literal, including {@code inf}, {@code -inf}, {@code inf_neg} and {@code nan}. */
    record Real(double value) implements Value {
    }

    record Str(String value) implements Value {
    }

    /** {@code &"name"}. */
    record StringName(String value) implements Value {
    }

    /** {@code NodePath("a/b")} or {@code ^"a/b"}. */
    record NodePath(String path) implements Value {
    }

    /** Vectors, rectangles, transforms, colours...: a fixed-arity tuple of numbers typed by {@link MathType}. */
    record MathValue(MathType type, double[] components) implements Value {
        public MathValue {
            components = components.clone();
        }

        public double get(int i) {
            return components[i];
        }

        @Override
        public double[] components() {
            return components.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MathValue m && m.type == type && Arrays.equals(m.components, components);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(components);
        }

        @Override
        public String toString() {
            return type.godotName() + Arrays.toString(components);
        }
    }

    /** Numeric packed arrays ({@code PackedFloat32Array}, {@code PackedVector3Array}, ...), flattened. */
    record PackedNumbers(String type, double[] values) implements Value {
        public PackedNumbers {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PackedNumbers p && p.type.equals(type) && Arrays.equals(p.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return type + "(" + values.length + " values)";
        }
    }

    /** {@code PackedByteArray}, from a number list or (format 4) a base64 string. */
    record PackedBytes(byte[] bytes) implements Value {
        public PackedBytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PackedBytes p && Arrays.equals(p.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "PackedByteArray(" + bytes.length + " bytes)";
        }
    }

    record PackedStrings(List<String> values) implements Value {
        public PackedStrings {
            values = List.copyOf(values);
        }
    }

    /** {@code [a, b]} (elementType empty) or {@code Array[Type]([a, b])}. */
    record ArrayValue(Optional<String> elementType, List<Value> items) implements Value {
        public ArrayValue {
            Objects.requireNonNull(elementType);
            items = List.copyOf(items);
        }
    }

    /** {@code {k: v}} or {@code Dictionary[K, V]({k: v})}; entries keep file order. */
    record DictValue(Optional<String> keyType, Optional<String> valueType, List<Entry> entries) implements Value {
        public DictValue {
            Objects.requireNonNull(keyType);
            Objects.requireNonNull(valueType);
            entries = List.copyOf(entries);
        }

        /** The value under a string key, if any. */
        public Optional<Value> get(String key) {
            for (Entry e : entries) {
                if (e.key() instanceof Str s && s.value().equals(key)
                        || e.key() instanceof StringName n && n.value().equals(key)) {
                    return Optional.of(e.value());
                }
            }
            return Optional.empty();
        }
    }

    record Entry(Value key, Value value) {
    }

    /** {@code ExtResource("id")}; format 2 integer ids are kept as their decimal text. */
    record ExtRef(String id) implements Value {
    }

    record SubRef(String id) implements Value {
    }

    /** {@code Object(Class, "key": value, ...)}. */
    record ObjectValue(String className, List<Entry> properties) implements Value {
        public ObjectValue {
            properties = List.copyOf(properties);
        }
    }

    /** Any other constructor call, kept generically so newer engine types do not break parsing. */
    record Call(String name, List<Value> args) implements Value {
        public Call {
            args = List.copyOf(args);
        }
    }
}
