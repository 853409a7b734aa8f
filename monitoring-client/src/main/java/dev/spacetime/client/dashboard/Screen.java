package dev.spacetime.client.dashboard;

import java.io.PrintWriter;
import java.util.List;

/**
 * Draws frames without flicker: on a terminal each frame goes to the top-left (cursor home) over the previous one,
 * every line clears only what is right of it and the frame clears what is below it; the screen is never cleared as
 * a whole. The cursor is hidden while drawing and shown again on close (also from the Ctrl-C shutdown hook).
 * Elsewhere (a pipe, a file, TERM=dumb) frames are plain text separated by a blank line.
 */
public final class Screen implements AutoCloseable {
    public static final String HOME = "\u001b[H";
    public static final String CLEAR_TO_EOL = "\u001b[K";
    public static final String CLEAR_BELOW = "\u001b[J";
    public static final String HIDE_CURSOR = "\u001b[?25l";
    public static final String SHOW_CURSOR = "\u001b[?25h";

    private final PrintWriter out;
    private final boolean interactive;
    private boolean cursorHidden;

    Screen(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    synchronized void draw(List<String> lines) {
        StringBuilder frame = new StringBuilder();
        if (interactive) {
            if (!cursorHidden) {
                frame.append(HIDE_CURSOR);
                cursorHidden = true;
            }
            frame.append(HOME);
            for (String line : lines) {
                frame.append(line).append(CLEAR_TO_EOL).append('\n');
            }
            frame.append(CLEAR_BELOW);
        } else {
            lines.forEach(l -> frame.append(l).append('\n'));
            frame.append('\n');
        }
        out.print(frame); // one write per frame: the terminal never shows half a frame for long
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (cursorHidden) {
            out.print(SHOW_CURSOR);
            out.flush();
            cursorHidden = false;
        }
    }
}
