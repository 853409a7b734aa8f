package dev.spacetime.scene.tree;

import dev.spacetime.scene.parse.MathType;
import dev.spacetime.scene.parse.Value;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a node lives in 3D space, 2D canvas space, or neither. There is no class database here, so it is
 * inferred from the type name (Godot 4 suffixes spatial types with 3D/2D) and, for script or unknown types, from
 * the type of the node's {@code transform}/{@code position} property.
 */
public enum Dimension {
    NONE,
    TWO_D,
    THREE_D;

    private static final Set<String> THREE_D_NAMES = Set.of("GridMap", "Spatial", "Skeleton", "BoneAttachment");
    private static final Set<String> TWO_D_NAMES = Set.of("TileMap", "TileMapLayer", "ParallaxLayer", "Sprite");

    public static Dimension infer(Optional<String> type, Map<String, Value> properties) {
        if (type.isPresent()) {
            String t = type.get();
            if (t.endsWith("3D") || THREE_D_NAMES.contains(t)) {
                return THREE_D;
            }
            if (t.endsWith("2D") || TWO_D_NAMES.contains(t)) {
                return TWO_D;
            }
        }
        for (String key : new String[] {"transform", "position"}) {
            if (properties.get(key) instanceof Value.MathValue m) {
                if (m.type() == MathType.TRANSFORM3D || m.type() == MathType.VECTOR3) {
                    return THREE_D;
                }
                if (m.type() == MathType.TRANSFORM2D || m.type() == MathType.VECTOR2) {
                    return TWO_D;
                }
            }
        }
        return NONE;
    }
}
