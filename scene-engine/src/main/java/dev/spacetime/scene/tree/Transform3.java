package dev.spacetime.scene.tree;

import dev.spacetime.scene.parse.MathType;
import dev.spacetime.scene.parse.Value;

/**
 * A 3D affine transform: a 3x3 basis stored row-major exactly as {@code Transform3D(...)} writes it
 * ({@code m[row][col]}, the columns are the basis axes) plus an origin.
 */
public record Transform3(double m00, double m01, double m02, double m10, double m11, double m12, double m20,
                         double m21, double m22, Vec3 origin) {
    public static final Transform3 IDENTITY = new Transform3(1, 0, 0, 0, 1, 0, 0, 0, 1, Vec3.ZERO);

    /** From a {@code Transform3D} value (12 components: basis rows, then origin). */
    public static Transform3 of(Value.MathValue v) {
        if (v.type() != MathType.TRANSFORM3D) {
            throw new IllegalArgumentException("not a Transform3D: " + v);
        }
        double[] c = v.components();
        return new Transform3(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], new Vec3(c[9], c[10], c[11]));
    }

    public static Transform3 translation(Vec3 origin) {
        return IDENTITY.withOrigin(origin);
    }

    public Transform3 withOrigin(Vec3 o) {
        return new Transform3(m00, m01, m02, m10, m11, m12, m20, m21, m22, o);
    }

    /** Applies only the basis (a direction). */
    public Vec3 basisXform(Vec3 v) {
        return new Vec3(m00 * v.x() + m01 * v.y() + m02 * v.z(),
                m10 * v.x() + m11 * v.y() + m12 * v.z(),
                m20 * v.x() + m21 * v.y() + m22 * v.z());
    }

    /** Transforms a point. */
    public Vec3 xform(Vec3 p) {
        Vec3 b = basisXform(p);
        return new Vec3(b.x() + origin.x(), b.y() + origin.y(), b.z() + origin.z());
    }

    /** {@code this * child}: the child's transform expressed in this transform's parent space. */
    public Transform3 compose(Transform3 c) {
        return new Transform3(
                m00 * c.m00 + m01 * c.m10 + m02 * c.m20, m00 * c.m01 + m01 * c.m11 + m02 * c.m21,
                m00 * c.m02 + m01 * c.m12 + m02 * c.m22,
                m10 * c.m00 + m11 * c.m10 + m12 * c.m20, m10 * c.m01 + m11 * c.m11 + m12 * c.m21,
                m10 * c.m02 + m11 * c.m12 + m12 * c.m22,
                m20 * c.m00 + m21 * c.m10 + m22 * c.m20, m20 * c.m01 + m21 * c.m11 + m22 * c.m21,
                m20 * c.m02 + m21 * c.m12 + m22 * c.m22,
                xform(c.origin));
    }

    /** A rotation about the Y axis (Godot is right-handed, Y up): +90 degrees takes +X to -Z. */
    public static Transform3 rotationY(double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        return new Transform3(c, 0, s, 0, 1, 0, -s, 0, c, Vec3.ZERO);
    }
}
