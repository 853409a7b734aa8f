package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TscnParserTest {
    private final TscnParser parser = new TscnParser();

    private Value prop(String valueText) throws TscnParseException {
        SceneFile f = parser.parse("[gd_scene format=3]\n\n[node name=\"R\" type=\"Node\"]\nv = " + valueText + "\n");
        return f.nodes().get(0).properties().get("v");
    }

    @Test
    void parsesAllSectionKindsOfFormat3() throws TscnParseException {
        String text = """
                [gd_scene load_steps=3 format=3 uid="uid://abc"]

                [ext_resource type="PackedScene" uid="uid://x" path="res://props/crate.tscn" id="1_crate"]
                [ext_resource type="Script" path="res://main.gd" id="2_s"]

                [sub_resource type="BoxMesh" id="BoxMesh_1"]
                size = Vector3(1, 2, 3)

                [node name="Main" type="Node3D" groups=["level", &"vr"]]
                script = ExtResource("2_s")

                [node name="Crate" parent="." index="2" instance=ExtResource("1_crate")]

                [node name="Mesh" type="MeshInstance3D" parent="Crate" unique_id=42]
                mesh = SubResource("BoxMesh_1")

                [connection signal="pressed" from="Crate" to="." method="_on_pressed" flags=3]

                [editable path="Crate"]
                """;
        SceneFile f = parser.parse(text);

        assertThat(f.header().format()).isEqualTo(3);
        assertThat(f.header().loadSteps()).hasValue(3);
        assertThat(f.header().uid()).contains("uid://abc");
        assertThat(f.extResources()).extracting(SceneFile.ExtResource::id, SceneFile.ExtResource::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1_crate", "res://props/crate.tscn"),
                        org.assertj.core.groups.Tuple.tuple("2_s", "res://main.gd"));
        assertThat(f.extResources().get(0).line()).isEqualTo(3);
        assertThat(f.subResources().get(0).properties().get("size"))
                .isEqualTo(new Value.MathValue(MathType.VECTOR3, new double[] {1, 2, 3}));
        SceneFile.Node root = f.nodes().get(0);
        assertThat(root.name()).isEqualTo("Main");
        assertThat(root.type()).contains("Node3D");
        assertThat(root.parent()).isEmpty();
        assertThat(root.groups()).containsExactly("level", "vr");
        assertThat(root.properties().get("script")).isEqualTo(new Value.ExtRef("2_s"));
        SceneFile.Node crate = f.nodes().get(1);
        assertThat(crate.instance()).contains("1_crate");
        assertThat(crate.type()).isEmpty();
        assertThat(crate.index()).hasValue(2);
        assertThat(f.nodes().get(2).attributes().get("unique_id")).isEqualTo(new Value.Int(42));
        assertThat(f.nodes().get(2).line()).isEqualTo(14);
        assertThat(f.connections()).singleElement().satisfies(c -> {
            assertThat(c.signal()).isEqualTo("pressed");
            assertThat(c.from()).isEqualTo("Crate");
            assertThat(c.to()).isEqualTo(".");
            assertThat(c.method()).isEqualTo("_on_pressed");
            assertThat(c.flags()).isEqualTo(3);
        });
        assertThat(f.editables()).extracting(SceneFile.Editable::path).containsExactly("Crate");
    }

    @Test
    void parsesFormat2WithIntegerIdsAndGodot3Names() throws TscnParseException {
        String text = """
                [gd_scene load_steps=2 format=2]

                [ext_resource path="res://enemy.tscn" type="PackedScene" id=1]

                [node name="World" type="Spatial"]
                transform = Transform( 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0 )

                [node name="Enemy" parent="." instance=ExtResource( 1 )]
                rotation = Quat( 0, 0, 0, 1 )
                points = PoolVector2Array( 0, 0, 1, 1 )
                values = PoolRealArray( 0.5, 1.5 )
                names = PoolStringArray( "a", "b" )
                """;
        SceneFile f = parser.parse(text);
        assertThat(f.header().format()).isEqualTo(2);
        assertThat(f.extResources().get(0).id()).isEqualTo("1");
        assertThat(f.nodes().get(1).instance()).contains("1");
        assertThat(f.nodes().get(0).properties().get("transform"))
                .isEqualTo(new Value.MathValue(MathType.TRANSFORM3D, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0}));
        Map<String, Value> p = f.nodes().get(1).properties();
        assertThat(p.get("rotation")).isEqualTo(new Value.MathValue(MathType.QUATERNION, new double[] {0, 0, 0, 1}));
        assertThat(p.get("points")).isEqualTo(new Value.PackedNumbers("PackedVector2Array", new double[] {0, 0, 1, 1}));
        assertThat(p.get("values")).isEqualTo(new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5, 1.5}));
        assertThat(p.get("names")).isEqualTo(new Value.PackedStrings(List.of("a", "b")));
    }

    @Test
    void parsesNumbers() throws TscnParseException {
        assertThat(prop("42")).isEqualTo(new Value.Int(42));
        assertThat(prop("-7")).isEqualTo(new Value.Int(-7));
        assertThat(prop("9223372036854775807")).isEqualTo(new Value.Int(Long.MAX_VALUE));
        assertThat(prop("-9223372036854775808")).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(prop("1.5")).isEqualTo(new Value.Real(1.5));
        assertThat(prop("-0.25")).isEqualTo(new Value.Real(-0.25));
        assertThat(prop("1e+06")).isEqualTo(new Value.Real(1e6));
        assertThat(prop("-1.5e-05")).isEqualTo(new Value.Real(-1.5e-5));
        assertThat(prop("2E3")).isEqualTo(new Value.Real(2000));
        assertThat(prop(".5")).isEqualTo(new Value.Real(0.5));
        assertThat(prop("inf")).isEqualTo(new Value.Real(Double.POSITIVE_INFINITY));
        assertThat(prop("-inf")).isEqualTo(new Value.Real(Double.NEGATIVE_INFINITY));
        assertThat(prop("inf_neg")).isEqualTo(new Value.Real(Double.NEGATIVE_INFINITY));
        assertThat(((Value.Real) prop("nan")).value()).isNaN();
        assertThat(prop("Vector2(inf, -inf)"))
                .isEqualTo(new Value.MathValue(MathType.VECTOR2,
                        new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        // Beyond double range: IEEE infinity, as Godot reads it.
        assertThat(prop("1e999")).isEqualTo(new Value.Real(Double.POSITIVE_INFINITY));
    }

    @Test
    void parsesStringsWithEscapesAndLineBreaks() throws TscnParseException {
        assertThat(prop("\"a\\\"b\\\\c\\nd\\te\"")).isEqualTo(new Value.Str("a\"b\\c\nd\te"));
        assertThat(prop("\"caf\\u00e9 \\U01F600\"")).isEqualTo(new Value.Str("café \uD83D\uDE00"));
        assertThat(prop("\"line one\nline two\n[node name=\\\"fake\\\"]\"")).isEqualTo(
                new Value.Str("line one\nline two\n[node name=\"fake\"]"));
        assertThat(prop("\"\"")).isEqualTo(new Value.Str(""));
        assertThat(prop("&\"my_name\"")).isEqualTo(new Value.StringName("my_name"));
        assertThat(prop("NodePath(\"../A/B:position\")")).isEqualTo(new Value.NodePath("../A/B:position"));
        assertThat(prop("^\"A/B\"")).isEqualTo(new Value.NodePath("A/B"));
        assertThat(prop("NodePath(\"\")")).isEqualTo(new Value.NodePath(""));
    }

    @Test
    void parsesEveryMathType() throws TscnParseException {
        Object[][] cases = {
            {"Vector2(1, 2.5)", MathType.VECTOR2, new double[] {1, 2.5}},
            {"Vector2i(1, -2)", MathType.VECTOR2I, new double[] {1, -2}},
            {"Vector3(1, 2, 3)", MathType.VECTOR3, new double[] {1, 2, 3}},
            {"Vector3i(1, 2, 3)", MathType.VECTOR3I, new double[] {1, 2, 3}},
            {"Vector4(1, 2, 3, 4)", MathType.VECTOR4, new double[] {1, 2, 3, 4}},
            {"Vector4i(1, 2, 3, 4)", MathType.VECTOR4I, new double[] {1, 2, 3, 4}},
            {"Rect2(0, 0, 10, 20)", MathType.RECT2, new double[] {0, 0, 10, 20}},
            {"Rect2i(0, 0, 10, 20)", MathType.RECT2I, new double[] {0, 0, 10, 20}},
            {"Transform2D(1, 0, 0, 1, 5, 6)", MathType.TRANSFORM2D, new double[] {1, 0, 0, 1, 5, 6}},
            {"Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 7, 8, 9)", MathType.TRANSFORM3D,
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 7, 8, 9}},
            {"Basis(1, 0, 0, 0, 1, 0, 0, 0, 1)", MathType.BASIS, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}},
            {"Quaternion(0, 0.707107, 0, 0.707107)", MathType.QUATERNION, new double[] {0, 0.707107, 0, 0.707107}},
            {"Plane(0, 1, 0, 2)", MathType.PLANE, new double[] {0, 1, 0, 2}},
            {"AABB(-1, -1, -1, 2, 2, 2)", MathType.AABB, new double[] {-1, -1, -1, 2, 2, 2}},
            {"Color(0.2, 0.4, 0.6, 0.8)", MathType.COLOR, new double[] {0.2, 0.4, 0.6, 0.8}},
            {"Color(0.2, 0.4, 0.6)", MathType.COLOR, new double[] {0.2, 0.4, 0.6, 1}},
        };
        for (Object[] c : cases) {
            assertThat(prop((String) c[0])).as((String) c[0])
                    .isEqualTo(new Value.MathValue((MathType) c[1], (double[]) c[2]));
        }
    }

    @Test
    void rejectsWrongArityAndNonIntegerIntegerVectors() {
        assertThatThrownBy(() -> prop("Vector3(1, 2)")).isInstanceOf(TscnParseException.class)
                .hasMessageContaining("Vector3 takes 3 numbers, got 2");
        assertThatThrownBy(() -> prop("Vector2i(1.5, 2)")).isInstanceOf(TscnParseException.class)
                .hasMessageContaining("integers");
        assertThatThrownBy(() -> prop("Vector2(\"a\", 2)")).isInstanceOf(TscnParseException.class);
    }

    @Test
    void parsesPackedArrays() throws TscnParseException {
        assertThat(prop("PackedFloat32Array(0.5, 1, 2)"))
                .isEqualTo(new Value.PackedNumbers("PackedFloat32Array", new double[] {0.5, 1, 2}));
        assertThat(prop("PackedInt32Array()")).isEqualTo(new Value.PackedNumbers("PackedInt32Array", new double[0]));
        assertThat(prop("PackedVector3Array(1, 2, 3, 4, 5, 6)"))
                .isEqualTo(new Value.PackedNumbers("PackedVector3Array", new double[] {1, 2, 3, 4, 5, 6}));
        assertThat(prop("PackedColorArray(1, 0, 0, 1)"))
                .isEqualTo(new Value.PackedNumbers("PackedColorArray", new double[] {1, 0, 0, 1}));
        assertThat(prop("PackedByteArray(1, 2, 255)")).isEqualTo(new Value.PackedBytes(new byte[] {1, 2, (byte) 255}));
        assertThat(prop("PackedByteArray(\"AQL/\")")).isEqualTo(new Value.PackedBytes(new byte[] {1, 2, (byte) 255}));
        assertThat(prop("PackedStringArray(\"a\", \"b c\")")).isEqualTo(new Value.PackedStrings(List.of("a", "b c")));
        assertThatThrownBy(() -> prop("PackedVector2Array(1, 2, 3)")).hasMessageContaining("multiple of 2");
        assertThatThrownBy(() -> prop("PackedByteArray(256)")).hasMessageContaining("0..255");
        assertThatThrownBy(() -> prop("PackedByteArray(\"***\")")).hasMessageContaining("base64");
    }

    @Test
    void parsesArraysAndDictionaries() throws TscnParseException {
        assertThat(prop("[1, \"two\", null, true, false, [],]")).isEqualTo(new Value.ArrayValue(Optional.empty(),
                List.of(new Value.Int(1), new Value.Str("two"), Value.Nil.INSTANCE, new Value.Bool(true),
                        new Value.Bool(false), new Value.ArrayValue(Optional.empty(), List.of()))));
        assertThat(prop("Array[int]([20, 80])")).isEqualTo(new Value.ArrayValue(Optional.of("int"),
                List.of(new Value.Int(20), new Value.Int(80))));
        assertThat(prop("Array[NodePath]([NodePath(\"A\")])")).isEqualTo(new Value.ArrayValue(Optional.of("NodePath"),
                List.of(new Value.NodePath("A"))));
        assertThat(prop("Array[ExtResource(\"1_x\")]([])")).isEqualTo(new Value.ArrayValue(
                Optional.of("ExtResource(\"1_x\")"), List.of()));

        Value.DictValue dict = (Value.DictValue) prop("{\n\"points\": PackedVector2Array(0, 0, 1, 1),\n"
                + "\"nested\": {\"k\": [1, {}]},\n3: &\"x\"\n}");
        assertThat(dict.keyType()).isEmpty();
        assertThat(dict.entries()).hasSize(3);
        assertThat(dict.get("points")).contains(new Value.PackedNumbers("PackedVector2Array", new double[] {0, 0, 1, 1}));
        assertThat(dict.entries().get(2)).isEqualTo(new Value.Entry(new Value.Int(3), new Value.StringName("x")));

        Value.DictValue typed = (Value.DictValue) prop("Dictionary[String, Texture]({\n\"a\": ExtResource(\"1\")\n})");
        assertThat(typed.keyType()).contains("String");
        assertThat(typed.valueType()).contains("Texture");
        assertThat(typed.get("a")).contains(new Value.ExtRef("1"));
    }

    @Test
    void parsesResourceReferencesObjectsAndUnknownConstructors() throws TscnParseException {
        assertThat(prop("ExtResource(\"1_abc\")")).isEqualTo(new Value.ExtRef("1_abc"));
        assertThat(prop("ExtResource( 7 )")).isEqualTo(new Value.ExtRef("7"));
        assertThat(prop("SubResource(\"Mesh_1\")")).isEqualTo(new Value.SubRef("Mesh_1"));
        assertThat(prop("Object(InputEventKey, \"resource_local_to_scene\": false, \"keycode\": 32)"))
                .isEqualTo(new Value.ObjectValue("InputEventKey", List.of(
                        new Value.Entry(new Value.Str("resource_local_to_scene"), new Value.Bool(false)),
                        new Value.Entry(new Value.Str("keycode"), new Value.Int(32)))));
        assertThat(prop("Object(Node)")).isEqualTo(new Value.ObjectValue("Node", List.of()));
        assertThat(prop("FutureType(1, \"x\", Vector2(0, 0))")).isEqualTo(new Value.Call("FutureType",
                List.of(new Value.Int(1), new Value.Str("x"),
                        new Value.MathValue(MathType.VECTOR2, new double[] {0, 0}))));
        assertThat(prop("Projection(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)"))
                .isInstanceOf(Value.MathValue.class);
    }

    @Test
    void keepsQuotedAndSlashedPropertyNamesAndComments() throws TscnParseException {
        SceneFile f = parser.parse("""
                ; a comment before the header
                [gd_scene format=3]

                [node name="R" type="Control"] ; trailing comment
                theme_override_colors/font_color = Color(1, 1, 1, 1)
                metadata/_edit_lock_ = true
                "quoted key" = 1
                0:0/0 = 0
                """);
        assertThat(f.nodes().get(0).properties()).containsOnlyKeys(
                "theme_override_colors/font_color", "metadata/_edit_lock_", "quoted key", "0:0/0");
    }

    @Test
    void errorsNameLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n\n[node name=\"A\" type=\"Node\"]\nfoo = @bad\n"))
                .isInstanceOfSatisfying(TscnParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(7);
                    assertThat(e.getMessage()).startsWith("line 4, column 7: unexpected character '@'");
                });
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx = \"open\nmore"))
                .isInstanceOfSatisfying(TscnParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("unterminated string");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(5);
                });
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx 1\n"))
                .isInstanceOfSatisfying(TscnParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void rejectsStructuralErrors() {
        assertThatThrownBy(() -> parser.parse("")).hasMessageContaining("expected [gd_scene");
        assertThatThrownBy(() -> parser.parse("[node name=\"A\"]\n")).hasMessageContaining("must start with [gd_scene");
        assertThatThrownBy(() -> parser.parse("[gd_scene]\n")).hasMessageContaining("no format");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=1]\n")).hasMessageContaining("unsupported scene format 1");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[resource]\n"))
                .hasMessageContaining("unknown section [resource]");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node type=\"Node\"]\n"))
                .hasMessageContaining("[node] needs name");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\" instance=\"x.tscn\"]\n"))
                .hasMessageContaining("instance must be ExtResource");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[ext_resource path=\"res://a.tscn\"]\n"))
                .hasMessageContaining("needs an id");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"] x = 1\n"))
                .hasMessageContaining("expected end of line");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx = 1 2\n"))
                .hasMessageContaining("expected end of line");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx = 1.2.3\n"))
                .hasMessageContaining("malformed number");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx = 1e\n"))
                .hasMessageContaining("malformed exponent");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3]\n[node name=\"A\"]\nx = bogus\n"))
                .hasMessageContaining("unknown identifier 'bogus'");
    }

    @Test
    void readsUtf8BytesAndRejectsInvalidUtf8() throws TscnParseException {
        byte[] ok = "\uFEFF[gd_scene format=3]\n[node name=\"Café\" type=\"Node\"]\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(parser.parse(ok).nodes().get(0).name()).isEqualTo("Café");
        byte[] bad = "[gd_scene format=3]\n[node name=\"X\"]\nv = \"\u00ff\u00ff\"\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(bad)).isInstanceOfSatisfying(TscnParseException.class, e -> {
            assertThat(e.reason()).contains("invalid UTF-8");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(6);
        });
    }

    @Test
    void godotRotationTransformKeepsRowMajorComponents() throws TscnParseException {
        Value.MathValue t = (Value.MathValue) prop(
                "Transform3D(-4.37114e-08, 0, 1, 0, 1, 0, -1, 0, -4.37114e-08, 1, 2, 3)");
        assertThat(t.get(2)).isEqualTo(1.0);
        assertThat(t.get(6)).isEqualTo(-1.0);
        assertThat(t.get(0)).isCloseTo(0, within(1e-7));
        assertThat(t.components()).hasSize(12);
    }
}
