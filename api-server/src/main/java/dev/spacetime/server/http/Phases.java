package dev.spacetime.server.http;

/** Names of the request phases that handlers report through {@link RequestTrace#phase(String)}. */
public final class Phases {
    public static final String AUTH = "auth";
    public static final String RATE_LIMIT = "rate_limit";
    public static final String VALIDATION = "validation";
    public static final String FILE_IO = "file_io";
    public static final String PARSE = "parse";
    /** Building a parsed scene's node tree (instanced scenes nest their file_io and parse inside it). */
    public static final String INSTANTIATION = "instantiation";
    public static final String SERIALIZATION = "serialization";

    private Phases() {
    }
}
