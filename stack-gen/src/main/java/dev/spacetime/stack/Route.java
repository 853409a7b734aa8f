package dev.spacetime.stack;

import dev.spacetime.settings.PromDuration;
import java.util.List;

/** A child route of the Alertmanager root route: alerts matching every matcher go to the receiver. */
public record Route(Receiver receiver, List<Matcher> matchers, PromDuration groupWait, PromDuration repeatInterval) {

    public Route {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a child route without matchers would take every alert");
        }
    }
}
