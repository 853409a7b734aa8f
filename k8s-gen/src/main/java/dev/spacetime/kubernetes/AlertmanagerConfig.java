package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's Alertmanager routing for the operator's Alertmanager (which adds a matcher on this object's
 * namespace to the top route). Every receiver delivers to the API's webhook through its Service, with the bearer
 * token read from a Secret key.
 *
 * @param route        the top route: receiver, grouping and timings, child routes
 * @param receivers    receiver names, each a webhook to {@code webhookUrl}
 * @param inhibitRules critical mutes warning and the like
 * @param webhookUrl   the API's webhook through the Service
 * @param token        the Secret key holding the webhook's bearer token
 */
public record AlertmanagerConfig(Meta metadata, Route route, List<String> receivers, List<Inhibit> inhibitRules,
                                 String webhookUrl, SecretKey token) implements Resource {

    public record SecretKey(String name, String key) {
        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("key", key);
            return out;
        }
    }

    /** An equality matcher. */
    public record Matcher(String name, String value) {
        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("value", value);
            out.put("matchType", "=");
            return out;
        }
    }

    /**
     * A route; the top one has no matchers, children have no children. Durations are Alertmanager's notation.
     */
    public record Route(String receiver, List<Matcher> matchers, List<String> groupBy, String groupWait,
                        String groupInterval, String repeatInterval, List<Route> routes) {
        public Route {
            matchers = List.copyOf(matchers);
            groupBy = List.copyOf(groupBy);
            routes = List.copyOf(routes);
        }

        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("receiver", receiver);
            if (!matchers.isEmpty()) {
                out.put("matchers", matchers.stream().map(Matcher::toYaml).toList());
            }
            if (!groupBy.isEmpty()) {
                out.put("groupBy", groupBy);
            }
            out.put("groupWait", groupWait);
            if (groupInterval != null) {
                out.put("groupInterval", groupInterval);
            }
            out.put("repeatInterval", repeatInterval);
            if (!routes.isEmpty()) {
                out.put("routes", routes.stream().map(Route::toYaml).toList());
            }
            return out;
        }
    }

    public record Inhibit(List<Matcher> source, List<Matcher> target, List<String> equal) {
        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sourceMatch", source.stream().map(Matcher::toYaml).toList());
            out.put("targetMatch", target.stream().map(Matcher::toYaml).toList());
            out.put("equal", List.copyOf(equal));
            return out;
        }
    }

    public AlertmanagerConfig {
        receivers = List.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
        List<String> routed = new java.util.ArrayList<>(List.of(route.receiver()));
        route.routes().forEach(r -> routed.add(r.receiver()));
        if (!receivers.containsAll(routed)) {
            throw new IllegalArgumentException("a route names an undeclared receiver: " + routed);
        }
    }

    @Override
    public String apiVersion() {
        return "monitoring.coreos.com/v1alpha1";
    }

    @Override
    public String kind() {
        return "AlertmanagerConfig";
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("route", route.toYaml());
        spec.put("receivers", receivers.stream().map(this::receiver).toList());
        spec.put("inhibitRules", inhibitRules.stream().map(Inhibit::toYaml).toList());
        return Map.of("spec", spec);
    }

    private Map<String, Object> receiver(String name) {
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", "Bearer");
        authorization.put("credentials", token.toYaml());
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", webhookUrl);
        webhook.put("sendResolved", true);
        webhook.put("httpConfig", Map.of("authorization", authorization));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("webhookConfigs", List.of(webhook));
        return out;
    }
}
