package dev.spacetime.stack;

/** The external label that tells two Prometheus replicas apart: {@code label: name} in {@code global.external_labels}. */
public record ReplicaIdentity(String label, String name) {
}
