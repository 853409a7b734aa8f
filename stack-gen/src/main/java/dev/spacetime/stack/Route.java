package dev.spacetime.stack;

import dev.spacetime.settings.PromDuration;
import java.util.List;
import java.util.Optional;

/**
 * A child route of the Alertmanager root route: alerts matching every matcher go to the receiver. Without a
 * {@code groupInterval} the route inherits the root's.
 */
public record Route(Receiver receiver, List<Matcher> matchers, PromDuration groupWait, PromDuration repeatInterval,
                    Optional<PromDuration> groupInterval) {

    public Route {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a child route without matchers would take every alert");
        }
    }

    public Route(Receiver receiver, List<Matcher> matchers, PromDuration groupWait, PromDuration repeatInterval) {
        this(receiver, matchers, groupWait, repeatInterval, Optional.empty());
    }
}
