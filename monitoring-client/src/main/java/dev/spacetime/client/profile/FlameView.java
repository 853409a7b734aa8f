package dev.spacetime.client.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A one-screen, top-down text view of flame graph stacks: one line per frame (children indented under their
 * parent, heaviest first) with a bar proportional to its inclusive time. Frames under 1 % of the total are left out.
 */
public final class FlameView {
    static final int MAX_LINES = 20;
    static final int BAR_WIDTH = 30;
    static final double MIN_SHARE = 0.01;

    private FlameView() {
    }

    private static final class Node {
        final String name;
        double total;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }
    }

    public static List<String> render(FlameStacks stacks) {
        Node root = new Node("");
        stacks.selfMs().forEach((stack, ms) -> {
            Node n = root;
            n.total += ms;
            for (String frame : stack) {
                n = n.children.computeIfAbsent(frame, Node::new);
                n.total += ms;
            }
        });
        List<String> lines = new ArrayList<>();
        if (root.total <= 0) {
            lines.add("(no time recorded)");
            return lines;
        }
        int nameWidth = Math.min(40, nameWidth(root, 0));
        walk(root, 0, root.total, nameWidth, lines);
        return lines;
    }

    private static void walk(Node node, int depth, double total, int nameWidth, List<String> lines) {
        List<Node> children = new ArrayList<>(node.children.values());
        children.sort(Comparator.comparingDouble((Node n) -> n.total).reversed());
        for (Node child : children) {
            if (lines.size() >= MAX_LINES) {
                return;
            }
            double share = child.total / total;
            if (share < MIN_SHARE) {
                continue;
            }
            String label = "  ".repeat(depth) + child.name;
            if (label.length() > nameWidth) {
                label = label.substring(0, nameWidth - 1) + "…";
            }
            int bar = Math.max(1, (int) Math.round(share * BAR_WIDTH));
            lines.add(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + BAR_WIDTH + "s %6.1f %%  %10.3f ms",
                    label, "#".repeat(bar), share * 100, child.total));
            walk(child, depth + 1, total, nameWidth, lines);
        }
    }

    private static int nameWidth(Node node, int depth) {
        int w = 0;
        for (Node c : node.children.values()) {
            w = Math.max(w, Math.max(2 * depth + c.name.length(), nameWidth(c, depth + 1)));
        }
        return w;
    }
}
