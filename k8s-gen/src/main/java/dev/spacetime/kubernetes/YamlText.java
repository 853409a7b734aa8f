package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Block-style YAML with stable output: maps built in order ({@link LinkedHashMap}, {@link SortedMap}) keep it,
 * any other map (e.g. {@code Map.of}, whose order changes between runs) is written sorted by key. Multi-line
 * strings (PromQL, the dashboard JSON) are literal blocks, so they read as they were written.
 */
final class YamlText {

    private YamlText() {
    }

    static String dump(String header, Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        Representer representer = new Representer(options) {
            {
                representers.put(String.class, data -> representScalar(Tag.STR, (String) data,
                        ((String) data).contains("\n") ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN));
            }
        };
        return header + new Yaml(representer, options).dump(stable(document));
    }

    private static Object stable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?>
                    ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), stable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(YamlText::stable).toList();
        }
        return value;
    }
}
