package dev.spacetime.scene.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneError;
import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.SceneFile;
import dev.spacetime.scene.parse.TscnParseException;
import dev.spacetime.scene.parse.TscnParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneInstantiatorTest {
    private static final double EPS = 1e-6;
    private final Map<String, String> files = new HashMap<>();
    private final TscnParser parser = new TscnParser();

    private SceneFile parse(String text) {
        try {
            return parser.parse(text);
        } catch (TscnParseException e) {
            throw new AssertionError(e);
        }
    }

    private SceneTree instantiate(String path) throws SceneException {
        return instantiate(path, InstantiationLimits.DEFAULTS);
    }

    private SceneTree instantiate(String path, InstantiationLimits limits) throws SceneException {
        SceneSource source = p -> {
            String text = files.get(p);
            if (text == null) {
                throw SceneError.of(SceneErrorType.NOT_FOUND, p, "no such file: " + p).toException();
            }
            return parse(text);
        };
        return new SceneInstantiator(source, limits).instantiate(path, source.load(path));
    }

    /** A scene whose root {@code root} (line 3) has one child {@code child} (line 4) instancing {@code target}. */
    private static String instancing(String root, String child, String target) {
        return "[gd_scene format=3]\n[ext_resource type=\"PackedScene\" path=\"" + target + "\" id=\"1\"]\n"
                + "[node name=\"" + root + "\" type=\"Node3D\"]\n"
                + "[node name=\"" + child + "\" parent=\".\" instance=ExtResource(\"1\")]\n";
    }

    private static void assertPos(SceneNode n, double x, double y, double z) {
        Vec3 p = n.globalPosition3D().orElseThrow();
        assertThat(p.x()).as(n.path() + " x").isCloseTo(x, within(EPS));
        assertThat(p.y()).as(n.path() + " y").isCloseTo(y, within(EPS));
        assertThat(p.z()).as(n.path() + " z").isCloseTo(z, within(EPS));
    }

    @Test
    void composesTransform3DChainsThroughParents() throws SceneException {
        files.put("res://a.tscn", """
                [gd_scene format=3]
                [node name="Main" type="Node3D"]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3)
                [node name="Turned" type="Node3D" parent="."]
                transform = Transform3D(0, 0, 1, 0, 1, 0, -1, 0, 0, 10, 0, 0)
                [node name="Child" type="MeshInstance3D" parent="Turned"]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3)
                [node name="Scaled" type="Node3D" parent="Turned/Child"]
                transform = Transform3D(2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0)
                [node name="Leaf" type="Marker3D" parent="Turned/Child/Scaled"]
                position = Vector3(1, 0, 0)
                [node name="Plain" type="Node" parent="Turned"]
                [node name="Detached" type="Node3D" parent="Turned/Plain"]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 5, 5)
                [node name="TopLevel" type="Node3D" parent="Turned"]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 7, 7, 7)
                top_level = true
                """);
        SceneTree tree = instantiate("res://a.tscn");

        assertThat(tree.nodeCount()).isEqualTo(8);
        assertPos(tree.root(), 1, 2, 3);
        // Turned: origin (10,0,0) in Main's space -> (11, 2, 3).
        assertPos(tree.find("/root/Main/Turned").orElseThrow(), 11, 2, 3);
        // Child (1,2,3) rotated +90 deg about Y: rows [[0,0,1],[0,1,0],[-1,0,0]] -> (3, 2, -1); + (11,2,3).
        assertPos(tree.find("/root/Main/Turned/Child").orElseThrow(), 14, 4, 2);
        // Leaf (1,0,0): scaled by 2 -> (2,0,0), rotated -> (0,0,-2), + Child (14,4,2).
        assertPos(tree.find("/root/Main/Turned/Child/Scaled/Leaf").orElseThrow(), 14, 4, 0);
        // A plain Node breaks the chain, as in Godot.
        assertThat(tree.find("/root/Main/Turned/Plain").orElseThrow().globalPosition3D()).isEmpty();
        assertPos(tree.find("/root/Main/Turned/Plain/Detached").orElseThrow(), 5, 5, 5);
        assertPos(tree.find("/root/Main/Turned/TopLevel").orElseThrow(), 7, 7, 7);
    }

    @Test
    void composes2DPositionRotationScale() throws SceneException {
        files.put("res://ui.tscn", """
                [gd_scene format=3]
                [node name="UI" type="Control"]
                [node name="Pointer" type="Node2D" parent="."]
                position = Vector2(100, 50)
                rotation = 1.5707963267948966
                scale = Vector2(2, 2)
                [node name="Cursor" type="Sprite2D" parent="Pointer"]
                position = Vector2(10, 0)
                [node name="Tip" type="Marker2D" parent="Pointer/Cursor"]
                transform = Transform2D(1, 0, 0, 1, 0, 5)
                """);
        SceneTree tree = instantiate("res://ui.tscn");
        assertThat(tree.root().dimension()).isEqualTo(Dimension.NONE);
        Vec2 cursor = tree.find("/root/UI/Pointer/Cursor").orElseThrow().globalPosition2D().orElseThrow();
        // (10,0) rotated 90 deg -> (0,10), scaled 2 -> (0,20), + (100,50).
        assertThat(cursor.x()).isCloseTo(100, within(EPS));
        assertThat(cursor.y()).isCloseTo(70, within(EPS));
        Vec2 tip = tree.find("/root/UI/Pointer/Cursor/Tip").orElseThrow().globalPosition2D().orElseThrow();
        // (0,5) in Cursor's space (same basis as Pointer): rotated -> (-5,0), scaled -> (-10,0), + (100,70).
        assertThat(tip.x()).isCloseTo(90, within(EPS));
        assertThat(tip.y()).isCloseTo(70, within(EPS));
        assertThat(tree.find("/root/UI/Pointer").orElseThrow().dump())
                .containsEntry("global_position", java.util.List.of(100.0, 50.0));
    }

    @Test
    void instancesScenesRecursivelyWithOverrides() throws SceneException {
        files.put("res://crate.tscn", """
                [gd_scene format=3]
                [node name="Crate" type="RigidBody3D"]
                mass = 1.0
                [node name="Label" type="Label3D" parent="."]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0, 0)
                text = "crate"
                """);
        files.put("res://stack.tscn", """
                [gd_scene format=3]
                [ext_resource type="PackedScene" path="res://crate.tscn" id="1"]
                [node name="Stack" type="Node3D"]
                [node name="Bottom" parent="." instance=ExtResource("1")]
                [node name="Top" parent="." instance=ExtResource("1")]
                transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0)
                mass = 5.0
                """);
        files.put("res://world.tscn", """
                [gd_scene format=3]
                [ext_resource type="PackedScene" path="res://stack.tscn" id="s"]
                [node name="World" type="Node3D"]
                [node name="Pile" parent="." instance=ExtResource("s")]
                transform = Transform3D(0, 0, 1, 0, 1, 0, -1, 0, 0, 0, 0, -3)
                [node name="Label" parent="Pile/Top"]
                text = "top crate"
                [node name="Extra" type="Node3D" parent="Pile/Top"]
                [editable path="Pile"]
                [connection signal="s" from="Pile/Top" to="." method="m"]
                [connection signal="s" from="Nope" to="." method="m"]
                """);
        SceneTree tree = instantiate("res://world.tscn");

        assertThat(tree.nodes()).extracting(SceneNode::path).containsExactly(
                "/root/World", "/root/World/Pile", "/root/World/Pile/Bottom", "/root/World/Pile/Bottom/Label",
                "/root/World/Pile/Top", "/root/World/Pile/Top/Label", "/root/World/Pile/Top/Extra");
        SceneNode top = tree.find("/root/World/Pile/Top").orElseThrow();
        assertThat(top.type()).contains("RigidBody3D");
        assertThat(top.instanceOf()).contains("res://crate.tscn");
        assertThat(top.properties().get("mass")).isEqualTo(new dev.spacetime.scene.parse.Value.Real(5.0));
        assertThat(tree.find("/root/World/Pile/Bottom").orElseThrow().properties().get("mass"))
                .isEqualTo(new dev.spacetime.scene.parse.Value.Real(1.0));
        assertThat(tree.find("/root/World/Pile/Top/Label").orElseThrow().properties().get("text"))
                .isEqualTo(new dev.spacetime.scene.parse.Value.Str("top crate"));
        assertThat(tree.find("/root/World/Pile/Bottom/Label").orElseThrow().properties().get("text"))
                .isEqualTo(new dev.spacetime.scene.parse.Value.Str("crate"));
        // Pile rotated +90 about Y at (0,0,-3). Top at (0,1,0) -> (0,1,-3). Its label (0.5,0,0) -> (0,0,-0.5).
        assertPos(top, 0, 1, -3);
        assertPos(tree.find("/root/World/Pile/Top/Label").orElseThrow(), 0, 1, -3.5);
        assertThat(tree.warnings()).singleElement().asString().contains("'Nope'");
    }

    @Test
    void missingInstanceFileIsAClearError() {
        files.put("res://a.tscn", instancing("A", "B", "res://gone.tscn"));
        assertThatThrownBy(() -> instantiate("res://a.tscn")).isInstanceOfSatisfying(SceneException.class, e -> {
            assertThat(e.error().type()).isEqualTo(SceneErrorType.PARSE_ERROR);
            assertThat(e.error().message()).contains("node 'B'").contains("line 4").contains("res://gone.tscn")
                    .contains("no such file");
        });
    }

    @Test
    void instanceCyclesAndDepthAreBounded() {
        files.put("res://a.tscn", instancing("A", "B", "res://b.tscn"));
        files.put("res://b.tscn", instancing("B", "A", "res://a.tscn"));
        assertThatThrownBy(() -> instantiate("res://a.tscn")).isInstanceOfSatisfying(SceneException.class,
                e -> assertThat(e.error().message()).contains("res://a.tscn -> res://b.tscn -> res://a.tscn"));

        files.put("res://self.tscn", instancing("S", "Again", "res://self.tscn"));
        assertThatThrownBy(() -> instantiate("res://self.tscn")).hasMessageContaining("instance cycle");

        // A chain 0 -> 1 -> ... -> 20 exceeds the default instance depth of 16.
        for (int i = 0; i < 20; i++) {
            files.put("res://c" + i + ".tscn", instancing("N", "M", "res://c" + (i + 1) + ".tscn"));
        }
        files.put("res://c20.tscn", "[gd_scene format=3]\n[node name=\"End\" type=\"Node\"]\n");
        assertThatThrownBy(() -> instantiate("res://c0.tscn")).hasMessageContaining("more than 16 levels");
    }

    @Test
    void exponentialInstancingHitsTheNodeLimit() {
        // Each level instances the next 4 times: 4^10 nodes if unbounded.
        for (int i = 0; i < 10; i++) {
            StringBuilder sb = new StringBuilder("[gd_scene format=3]\n[ext_resource type=\"PackedScene\" path=\"res://e"
                    + (i + 1) + ".tscn\" id=\"1\"]\n[node name=\"N\" type=\"Node\"]\n");
            for (int k = 0; k < 4; k++) {
                sb.append("[node name=\"C").append(k).append("\" parent=\".\" instance=ExtResource(\"1\")]\n");
            }
            files.put("res://e" + i + ".tscn", sb.toString());
        }
        files.put("res://e10.tscn", "[gd_scene format=3]\n[node name=\"Leaf\" type=\"Node\"]\n");
        assertThatThrownBy(() -> instantiate("res://e0.tscn", new InstantiationLimits(16, 1000, 128)))
                .hasMessageContaining("more than 1000 nodes");
    }

    @Test
    void deepTreesAreBounded() {
        StringBuilder sb = new StringBuilder("[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n");
        String parent = ".";
        for (int i = 0; i < 200; i++) {
            sb.append("[node name=\"n\" type=\"Node\" parent=\"").append(parent).append("\"]\n");
            parent = parent.equals(".") ? "n" : parent + "/n";
        }
        files.put("res://deep.tscn", sb.toString());
        assertThatThrownBy(() -> instantiate("res://deep.tscn")).hasMessageContaining("deeper than 128");
    }

    @Test
    void structuralErrorsNameTheLine() {
        files.put("res://x.tscn", "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n"
                + "[node name=\"C\" type=\"Node\" parent=\"Missing\"]\n");
        assertThatThrownBy(() -> instantiate("res://x.tscn")).isInstanceOfSatisfying(SceneException.class, e -> {
            assertThat(e.error().line()).isEqualTo(3);
            assertThat(e.error().message()).contains("parent 'Missing'");
        });
        files.put("res://y.tscn", "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n[node name=\"R2\" type=\"Node\"]\n");
        assertThatThrownBy(() -> instantiate("res://y.tscn")).hasMessageContaining("already has a root");
        files.put("res://z.tscn", "[gd_scene format=3]\n");
        assertThatThrownBy(() -> instantiate("res://z.tscn")).hasMessageContaining("no nodes");
        files.put("res://w.tscn", "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n"
                + "[node name=\"a/b\" type=\"Node\" parent=\".\"]\n");
        assertThatThrownBy(() -> instantiate("res://w.tscn")).hasMessageContaining("invalid node name");
        files.put("res://v.tscn", "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n"
                + "[node name=\"A\" type=\"Node\" parent=\".\"]\n[node name=\"A\" type=\"Node\" parent=\".\"]\n");
        assertThatThrownBy(() -> instantiate("res://v.tscn")).hasMessageContaining("duplicate node 'A'");
    }

    /** A root with {@code children} children N0..N(children-1), each on its own line, in a Godot 4 file. */
    private static StringBuilder flat(int children) {
        StringBuilder sb = new StringBuilder("[gd_scene format=3]\n[node name=\"R\" type=\"Node3D\"]\n");
        for (int i = 0; i < children; i++) {
            sb.append("[node name=\"N").append(i).append("\" type=\"Node3D\" parent=\".\"]\n");
        }
        return sb;
    }

    @Test
    void siblingsAreFoundByNameAmongManyAsBefore() throws SceneException {
        // Same name under different parents is fine; under one parent a second typed node is an error (line named).
        StringBuilder ok = flat(5000).append("[node name=\"N0\" type=\"Node\" parent=\"N4999\"]\n")
                .append("[node name=\"N4999\" type=\"Node\" parent=\"N0\"]\n");
        files.put("res://ok.tscn", ok.toString());
        SceneTree tree = instantiate("res://ok.tscn");
        assertThat(tree.nodeCount()).isEqualTo(5003);
        assertThat(tree.find("/root/R/N4999/N0")).isPresent();
        assertThat(tree.find("/root/R/N0/N4999")).isPresent();

        files.put("res://dup.tscn", flat(5000).append("[node name=\"N0\" type=\"Node\" parent=\".\"]\n")
                .toString());
        assertThatThrownBy(() -> instantiate("res://dup.tscn")).isInstanceOfSatisfying(SceneException.class, e -> {
            assertThat(e.error().message()).contains("duplicate node 'N0' under '.'");
            assertThat(e.error().line()).isEqualTo(5003);
        });
        // Names are case-sensitive, as in Godot.
        files.put("res://case.tscn", flat(3).append("[node name=\"n0\" type=\"Node\" parent=\".\"]\n")
                .toString());
        assertThat(instantiate("res://case.tscn").nodeCount()).isEqualTo(5);
    }

    @Test
    void overridesFindTheirInstancedChildAmongManySiblings() throws SceneException {
        StringBuilder crate = flat(2000);
        files.put("res://crate.tscn", crate.toString());
        // The instance is renamed: its original root name R is free for a sibling, its new name Box is taken.
        files.put("res://world.tscn", """
                [gd_scene format=3]
                [ext_resource type="PackedScene" path="res://crate.tscn" id="1"]
                [ext_resource type="PackedScene" path="res://gone.tscn" id="1"]
                [node name="World" type="Node3D"]
                [node name="Box" parent="." instance=ExtResource("1")]
                [node name="R" type="Node3D" parent="."]
                [node name="N1500" parent="./Box"]
                position = Vector3(0, 7, 0)
                [node name="Box" parent="."]
                visible = false
                """);
        SceneTree tree = instantiate("res://world.tscn");
        assertThat(tree.nodeCount()).isEqualTo(1 + 2001 + 1);
        assertPos(tree.find("/root/World/Box/N1500").orElseThrow(), 0, 7, 0);
        assertPos(tree.find("/root/World/Box/N1499").orElseThrow(), 0, 0, 0);
        assertThat(tree.find("/root/World/Box").orElseThrow().properties())
                .containsEntry("visible", new dev.spacetime.scene.parse.Value.Bool(false));

        files.put("res://clash.tscn", """
                [gd_scene format=3]
                [ext_resource type="PackedScene" path="res://crate.tscn" id="1"]
                [node name="World" type="Node3D"]
                [node name="Box" parent="." instance=ExtResource("1")]
                [node name="N7" type="Node" parent="Box"]
                """);
        assertThatThrownBy(() -> instantiate("res://clash.tscn"))
                .hasMessageContaining("duplicate node 'N7' under 'Box'");
    }

    @Test
    void aParentPathOfManyDotSlashesIsResolvedInOnePass() throws SceneException {
        // Quadratic stripping of "./" made this one node cost minutes; it is the root's child.
        files.put("res://dots.tscn", "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n"
                + "[node name=\"C\" type=\"Node\" parent=\"" + "./".repeat(1_000_000) + "\"]\n");
        assertThat(instantiate("res://dots.tscn").find("/root/R/C")).isPresent();
    }
}
