package dev.spacetime.scene.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A parsed {@code .tscn} file: its sections in file order, values typed but not yet instantiated. */
public record SceneFile(Header header, List<ExtResource> extResources, List<SubResource> subResources,
                        List<Node> nodes, List<Connection> connections, List<Editable> editables) {

    public SceneFile {
        extResources = List.copyOf(extResources);
        subResources = List.copyOf(subResources);
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
        editables = List.copyOf(editables);
    }

    /** The first {@code [node]} (the scene root), if the file has any node. */
    public Optional<Node> root() {
        return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(0));
    }

    /** {@code [gd_scene load_steps=.. format=.. uid=..]}; other attributes are kept verbatim. */
    public record Header(int format, OptionalInt loadSteps, Optional<String> uid, Map<String, Value> attributes) {
        public Header {
            attributes = Map.copyOf(attributes);
        }
    }

    public record ExtResource(String id, Optional<String> type, String path, Optional<String> uid, int line) {
    }

    public record SubResource(String id, Optional<String> type, Map<String, Value> properties, int line) {
        public SubResource {
            properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        }
    }

    /**
     * A {@code [node]} section. {@code parent} is empty for the root, {@code "."} for the root's children and
     * {@code "A/B"} deeper; {@code instance} names the ext_resource of an instanced scene.
     */
    public record Node(String name, Optional<String> type, Optional<String> parent, Optional<String> instance,
                       List<String> groups, OptionalInt index, Map<String, Value> attributes,
                       Map<String, Value> properties, int line) {
        public Node {
            groups = List.copyOf(groups);
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
            properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        }
    }

    public record Connection(String signal, String from, String to, String method, int flags,
                             Map<String, Value> attributes, int line) {
        public Connection {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }
    }

    /** {@code [editable path="..."]}: an instanced child whose own children may be overridden. */
    public record Editable(String path, int line) {
    }
}
