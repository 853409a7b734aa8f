package dev.spacetime.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark scripts parse and explain themselves (they are run on demand, never in CI). */
class BenchScriptsTest {

    private record Run(int exit, String output) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench-load.sh", "bench-soak.sh"})
    void helpPrintsUsageAndExitsZero(String script) throws IOException, InterruptedException {
        Run run = run(script, "--help");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("usage: scripts/" + script)
                .contains("mvn -B -ntp -q -pl api-server,benchmarks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench-load.sh", "bench-soak.sh"})
    void unknownOptionIsRefused(String script) throws IOException, InterruptedException {
        Run run = run(script, "--bogus");
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("unknown option: --bogus");
    }

    private static Run run(String script, String argument) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("spacetime.root", ".."));
        Process process = new ProcessBuilder("bash", root.resolve("scripts").resolve(script).toString(), argument)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
