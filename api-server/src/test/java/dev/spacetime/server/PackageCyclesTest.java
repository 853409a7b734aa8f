package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package cycle inside the server: read from its sources, each package's references to the server's other
 * packages (imports and qualified names in code; comments and strings do not count) form a graph without cycles.
 */
class PackageCyclesTest {

    private static final String ROOT = "dev.spacetime.server";
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified type name of the server: its package is the part before the first capitalised segment. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\b(" + Pattern.quote(ROOT) + "(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    /** Comments, string and text-block literals, and char literals (matched together so each hides the others). */
    private static final Pattern NOT_CODE = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    @Test
    void theServerPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = packageGraph(SOURCES);
        assertThat(graph).as("server packages read from " + SOURCES.toAbsolutePath())
                .containsKeys(ROOT, ROOT + ".http", ROOT + ".auth", ROOT + ".scene");
        List<Set<String>> cycles = cycles(graph);
        assertThat(cycles).withFailMessage(() -> "package cycles, each with its references:\n" + describe(cycles, graph))
                .isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a", "d"),
                "d", Set.of());
        assertThat(cycles(graph)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    @Test
    void commentsAndStringsAreNotReferences() {
        String source = """
                package dev.spacetime.server.a;
                import dev.spacetime.server.b.B;
                /** See {@link dev.spacetime.server.c.C}. */
                class A { String s = "dev.spacetime.server.d.D"; // dev.spacetime.server.e.E
                  Object o = new dev.spacetime.server.f.F(); }
                """;
        assertThat(references(source)).containsExactlyInAnyOrder("dev.spacetime.server.b", "dev.spacetime.server.f");
    }

    /** Package → the other server packages its sources refer to. */
    static Map<String, Set<String>> packageGraph(Path sources) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find() || !pkg.group(1).startsWith(ROOT)) {
                    continue;
                }
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                references(source).stream().filter(t -> !t.equals(pkg.group(1))).forEach(targets::add);
            }
        }
        return graph;
    }

    static Set<String> references(String source) {
        Set<String> packages = new TreeSet<>();
        Matcher m = REFERENCE.matcher(NOT_CODE.matcher(source).replaceAll(" "));
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    /** Each cycle's packages, with the references that stay inside it. */
    private static String describe(List<Set<String>> cycles, Map<String, Set<String>> graph) {
        StringBuilder out = new StringBuilder();
        for (Set<String> cycle : cycles) {
            out.append("cycle of ").append(cycle.size()).append(" packages:\n");
            for (String from : cycle) {
                graph.get(from).stream().filter(cycle::contains)
                        .forEach(to -> out.append("  ").append(from).append(" -> ").append(to).append('\n'));
            }
        }
        return out.toString();
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted, in a stable order. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        found.sort((x, y) -> x.toString().compareTo(y.toString()));
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
