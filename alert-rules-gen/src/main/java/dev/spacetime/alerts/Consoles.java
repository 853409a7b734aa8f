package dev.spacetime.alerts;

/**
 * Where an operator opens Prometheus and Alertmanager, as the runbooks name them. Both ways of running the stack
 * publish them at the same loopback addresses, but their pages differ: docker-compose runs the upstream images
 * (Prometheus' React UI, Alertmanager's web UI), the native runner Debian's packages, whose Prometheus serves only
 * the classic UI under {@code /classic/} and whose Alertmanager has no web UI at all (amtool instead).
 *
 * @param prometheusUrl    Prometheus as a browser on the host reaches it
 * @param alertmanagerUrl  Alertmanager, likewise (what amtool's {@code --alertmanager.url} takes)
 * @param composeUiPrefix  path prefix of the Prometheus pages in the compose image
 * @param nativeUiPrefix   path prefix of the Prometheus pages of Debian's package
 */
public record Consoles(String prometheusUrl, String alertmanagerUrl, String composeUiPrefix, String nativeUiPrefix) {

    /** The Prometheus pages the runbooks link to. */
    public enum Page {
        ALERTS("/alerts"),
        TARGETS("/targets"),
        GRAPH("/graph");

        private final String path;

        Page(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    public static final Consoles STANDARD = new Consoles("http://127.0.0.1:9090", "http://127.0.0.1:9093", "",
            "/classic");

    /** A Prometheus page as the compose stack (upstream image) serves it. */
    public String composePage(Page page) {
        return composePage(page.path());
    }

    /** A Prometheus page as the native runner (Debian's package) serves it. */
    public String nativePage(Page page) {
        return nativePage(page.path());
    }

    /** Another page of the compose stack's Prometheus, e.g. {@code /rules}, that a runbook names. */
    public String composePage(String path) {
        return prometheusUrl + composeUiPrefix + path;
    }

    /** Another page of the native runner's Prometheus, e.g. {@code /rules}, that a runbook names. */
    public String nativePage(String path) {
        return prometheusUrl + nativeUiPrefix + path;
    }

    /** An amtool command line against this Alertmanager. */
    public String amtool(String arguments) {
        return "amtool --alertmanager.url=" + alertmanagerUrl + " " + arguments;
    }
}
