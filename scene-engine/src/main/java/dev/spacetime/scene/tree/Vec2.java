package dev.spacetime.scene.tree;

public record Vec2(double x, double y) {
    public static final Vec2 ZERO = new Vec2(0, 0);
}
