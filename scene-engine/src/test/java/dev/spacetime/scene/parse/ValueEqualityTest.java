package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Equality of the array-backed values on its own: the parser's tests compare parsed values with expected ones, so
 * an equality that said "equal" too often would make those assertions meaningless.
 */
class ValueEqualityTest {

    @Test
    void mathValuesAreEqualByTypeAndEveryComponent() {
        var v = new Value.MathValue(MathType.VECTOR3, new double[] {1, 2, 3});
        assertThat(v).isEqualTo(new Value.MathValue(MathType.VECTOR3, new double[] {1, 2, 3}))
                .hasSameHashCodeAs(new Value.MathValue(MathType.VECTOR3, new double[] {1, 2, 3}));
        assertThat(v).isNotEqualTo(new Value.MathValue(MathType.VECTOR3, new double[] {1, 2, 4}));
        assertThat(v).isNotEqualTo(new Value.MathValue(MathType.VECTOR3I, new double[] {1, 2, 3}));
        assertThat(v).isNotEqualTo(new Value.PackedNumbers("PackedVector3Array", new double[] {1, 2, 3}));
        assertThat(v.toString()).isEqualTo("Vector3[1.0, 2.0, 3.0]");
    }

    @Test
    void packedNumbersAreEqualByTypeAndEveryValue() {
        var p = new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5, 1});
        assertThat(p).isEqualTo(new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5, 1}))
                .hasSameHashCodeAs(new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5, 1}));
        assertThat(p).isNotEqualTo(new Value.PackedNumbers("PackedFloat64Array", new double[] {0.5, 1}));
        assertThat(p).isNotEqualTo(new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5}));
        assertThat(p.toString()).isEqualTo("PackedFloat32Array(2 values)");
    }

    @Test
    void packedBytesAreEqualByContent() {
        var b = new Value.PackedBytes(new byte[] {1, 2});
        assertThat(b).isEqualTo(new Value.PackedBytes(new byte[] {1, 2}))
                .hasSameHashCodeAs(new Value.PackedBytes(new byte[] {1, 2}));
        assertThat(b).isNotEqualTo(new Value.PackedBytes(new byte[] {1, 3}));
        assertThat(b).isNotEqualTo(new Value.Str("\u0001\u0002"));
        assertThat(b.toString()).isEqualTo("PackedByteArray(2 bytes)");
    }

    @Test
    void theArraysInsideAreCopiesSoAValueNeverChanges() {
        double[] components = {1, 2};
        var v = new Value.MathValue(MathType.VECTOR2, components);
        components[0] = 9;
        v.components()[1] = 9;
        assertThat(v.get(0)).isEqualTo(1);
        assertThat(v.get(1)).isEqualTo(2);
        byte[] bytes = {1};
        var b = new Value.PackedBytes(bytes);
        bytes[0] = 9;
        b.bytes()[0] = 9;
        assertThat(b.bytes()).containsExactly(1);
        double[] values = {1};
        var p = new Value.PackedNumbers("PackedInt32Array", values);
        values[0] = 9;
        p.values()[0] = 9;
        assertThat(p.values()).containsExactly(1);
        assertThat(p.size()).isEqualTo(1);
    }

    @Test
    void dictionaryLookupIsByStringOrStringNameKey() {
        var d = new Value.DictValue(java.util.Optional.empty(), java.util.Optional.empty(), java.util.List.of(
                new Value.Entry(new Value.Int(1), new Value.Str("int key")),
                new Value.Entry(new Value.StringName("a"), new Value.Str("name key")),
                new Value.Entry(new Value.Str("b"), new Value.Str("string key"))));
        assertThat(d.get("a")).contains(new Value.Str("name key"));
        assertThat(d.get("b")).contains(new Value.Str("string key"));
        assertThat(d.get("1")).isEmpty();
    }
}
