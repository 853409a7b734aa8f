package dev.spacetime.stack;

import java.util.Locale;

/** The docker-compose services; other containers reach each one by its service name. */
public enum ComposeService {
    API,
    PROMETHEUS,
    GRAFANA,
    ALERTMANAGER,
    NODE_EXPORTER;

    public String serviceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String containerName() {
        return "spacetime_" + name().toLowerCase(Locale.ROOT);
    }
}
