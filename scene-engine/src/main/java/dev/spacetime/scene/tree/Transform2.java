package dev.spacetime.scene.tree;

import dev.spacetime.scene.parse.MathType;
import dev.spacetime.scene.parse.Value;

/** A 2D affine transform as {@code Transform2D(x.x, x.y, y.x, y.y, origin.x, origin.y)}: axis columns + origin. */
public record Transform2(double xx, double xy, double yx, double yy, Vec2 origin) {
    public static final Transform2 IDENTITY = new Transform2(1, 0, 0, 1, Vec2.ZERO);

    public static Transform2 of(Value.MathValue v) {
        if (v.type() != MathType.TRANSFORM2D) {
            throw new IllegalArgumentException("not a Transform2D: " + v);
        }
        double[] c = v.components();
        return new Transform2(c[0], c[1], c[2], c[3], new Vec2(c[4], c[5]));
    }

    /** Node2D's position, rotation (radians) and scale composed as T * R * S (skew is ignored). */
    public static Transform2 fromPositionRotationScale(Vec2 position, double rotation, Vec2 scale) {
        double c = Math.cos(rotation);
        double s = Math.sin(rotation);
        return new Transform2(c * scale.x(), s * scale.x(), -s * scale.y(), c * scale.y(), position);
    }

    public Vec2 basisXform(Vec2 v) {
        return new Vec2(xx * v.x() + yx * v.y(), xy * v.x() + yy * v.y());
    }

    public Vec2 xform(Vec2 p) {
        Vec2 b = basisXform(p);
        return new Vec2(b.x() + origin.x(), b.y() + origin.y());
    }

    public Transform2 compose(Transform2 c) {
        Vec2 x = basisXform(new Vec2(c.xx, c.xy));
        Vec2 y = basisXform(new Vec2(c.yx, c.yy));
        return new Transform2(x.x(), x.y(), y.x(), y.y(), xform(c.origin));
    }
}
