package dev.spacetime.stack;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Freemarker templates beside this class ({@code [=expr]} interpolation); every template gets
 * {@code q(x)}, a quoted YAML scalar.
 */
final class Templates {

    private static final Configuration CONFIG = configuration();

    private Templates() {
    }

    static String render(String template, Map<String, Object> model) {
        Map<String, Object> root = new HashMap<>(model);
        root.put("q", (TemplateMethodModelEx) Templates::quote);
        StringWriter out = new StringWriter();
        try {
            CONFIG.getTemplate(template).process(root, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** A double-quoted YAML scalar (JSON string syntax, which YAML accepts), so no value can change the structure. */
    static String yamlString(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static Object quote(List<?> arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("q takes one argument");
        }
        return yamlString(String.valueOf(DeepUnwrap.unwrap((TemplateModel) arguments.get(0))));
    }

    private static Configuration configuration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassForTemplateLoading(Templates.class, "");
        c.setDefaultEncoding(StandardCharsets.UTF_8.name());
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // Ports and counts as plain digits (never "8,080").
        c.setNumberFormat("computer");
        // [=expr] interpolation leaves ${...} alone for the shell and docker-compose.
        c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        return c;
    }
}
