package dev.spacetime.scene.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The fixed-arity numeric constructors of the text scene format, with Godot 3 (format 2) aliases. */
public enum MathType {
    VECTOR2("Vector2", 2, 2, false),
    VECTOR2I("Vector2i", 2, 2, true),
    RECT2("Rect2", 4, 4, false),
    RECT2I("Rect2i", 4, 4, true),
    VECTOR3("Vector3", 3, 3, false),
    VECTOR3I("Vector3i", 3, 3, true),
    VECTOR4("Vector4", 4, 4, false),
    VECTOR4I("Vector4i", 4, 4, true),
    TRANSFORM2D("Transform2D", 6, 6, false),
    PLANE("Plane", 4, 4, false),
    QUATERNION("Quaternion", 4, 4, false, "Quat"),
    AABB("AABB", 6, 6, false),
    BASIS("Basis", 9, 9, false),
    /** Row-major basis (9) then origin (3). */
    TRANSFORM3D("Transform3D", 12, 12, false, "Transform"),
    PROJECTION("Projection", 16, 16, false),
    /** RGB or RGBA; a missing alpha is 1. */
    COLOR("Color", 3, 4, false);

    private static final Map<String, MathType> BY_NAME = new HashMap<>();

    static {
        for (MathType t : values()) {
            BY_NAME.put(t.godotName, t);
            for (String alias : t.aliases) {
                BY_NAME.put(alias, t);
            }
        }
    }

    private final String godotName;
    private final int minArity;
    private final int maxArity;
    private final boolean integer;
    private final String[] aliases;

    MathType(String godotName, int minArity, int maxArity, boolean integer, String... aliases) {
        this.godotName = godotName;
        this.minArity = minArity;
        this.maxArity = maxArity;
        this.integer = integer;
        this.aliases = aliases;
    }

    public static Optional<MathType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public String godotName() {
        return godotName;
    }

    public int minArity() {
        return minArity;
    }

    public int maxArity() {
        return maxArity;
    }

    /** Whether components must be integer literals (the {@code *i} types). */
    public boolean integer() {
        return integer;
    }
}
