package dev.spacetime.client.http;

import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the bearer token comes from, first found wins: {@code --token}, {@code SPACETIME_TOKEN}, the token file the
 * server writes (default {@code ~/.spacetime/token}). Read only when a request needs it; never printed.
 */
public record TokenSource(Optional<String> explicit, Map<String, String> env, Path file) {
    public static final String ENV = "SPACETIME_TOKEN";

    /** A token and where it came from (for error messages; the token itself is never shown). */
    public record Token(String value, String origin) {
        @Override
        public String toString() {
            return "token from " + origin;
        }
    }

    public Optional<Token> resolve() throws ClientException {
        if (explicit.isPresent() && !explicit.get().isBlank()) {
            return Optional.of(new Token(explicit.get().trim(), "--token"));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Token(fromEnv.trim(), ENV));
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(new Token(text, file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ClientException(ExitCodes.FAILED, "cannot read the token file " + file + ": "
                    + ClientException.reason(e));
        }
    }

    /** What to tell a user whose request was refused. */
    public String hint() throws ClientException {
        Optional<Token> token = resolve();
        return token.isPresent() ? "the token from " + token.get().origin() + " was refused"
                : "no token: give --token, set " + ENV + ", or start the server so it writes " + file;
    }
}
