package dev.spacetime.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.ratelimit.RouteGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("config.yml"), text);
    }

    @Test
    void defaults() {
        ServerConfig c = ConfigLoader.load(new String[0], Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.projectRoot()).isEmpty();
        assertThat(c.tokenFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".spacetime", "token"));
        assertThat(c.health().memoryDegradedMb()).isEqualTo(512);
        assertThat(c.health().memoryUnhealthyMb()).isEqualTo(1024);
        assertThat(c.rateLimit().limit(RouteGroup.SCENE)).isEqualTo(30);
        assertThat(c.rateLimit().limit(RouteGroup.SCENE_RELOAD)).isEqualTo(20);
        assertThat(c.rateLimit().limit(RouteGroup.SCENES)).isEqualTo(60);
        assertThat(c.rateLimit().limit(RouteGroup.SCENE_HISTORY)).isEqualTo(100);
        assertThat(c.rateLimit().limit(RouteGroup.DEFAULT)).isEqualTo(100);
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefaults() throws Exception {
        Path file = yaml("""
                host: 0.0.0.0
                port: 9000
                projectRoot: /from/file
                tokenFile: /from/file/token
                health:
                  memoryDegradedMb: 100
                  memoryUnhealthyMb: 200
                rateLimit:
                  perMinute:
                    scene: 7
                  trustedProxies: [10.0.0.1]
                """);
        Map<String, String> env = Map.of("SPACETIME_CONFIG", file.toString(), "SPACETIME_PORT", "9100",
                "SPACETIME_PROJECT_ROOT", "/from/env");
        ServerConfig c = ConfigLoader.load(new String[] {"--port", "9200"}, env);
        assertThat(c.port()).isEqualTo(9200);
        assertThat(c.projectRoot()).contains(Path.of("/from/env"));
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.tokenFile()).isEqualTo(Path.of("/from/file/token"));
        assertThat(c.health().memoryUnhealthyMb()).isEqualTo(200);
        assertThat(c.rateLimit().limit(RouteGroup.SCENE)).isEqualTo(7);
        assertThat(c.rateLimit().limit(RouteGroup.SCENES)).isEqualTo(60);
        assertThat(c.rateLimit().trustedProxies()).containsExactly("10.0.0.1");

        ServerConfig viaOption = ConfigLoader.load(new String[] {"--config=" + file, "--host", "127.0.0.2"},
                Map.of());
        assertThat(viaOption.host()).isEqualTo("127.0.0.2");
        assertThat(viaOption.port()).isEqualTo(9000);
    }

    @Test
    void stateDirectoryIsAnOptionAVariableAndAKey() throws Exception {
        assertThat(ConfigLoader.load(new String[0], Map.of()).stateDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".spacetime", "state"));
        Path file = yaml("stateDir: /from/file/state\n");
        assertThat(ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()).stateDir())
                .isEqualTo(Path.of("/from/file/state"));
        assertThat(ConfigLoader.load(new String[] {"--config", file.toString()},
                Map.of("SPACETIME_STATE_DIR", "/from/env")).stateDir()).isEqualTo(Path.of("/from/env"));
        assertThat(ConfigLoader.load(new String[] {"--state-dir", "/from/cli"},
                Map.of("SPACETIME_STATE_DIR", "/from/env")).stateDir()).isEqualTo(Path.of("/from/cli"));
    }

    @Test
    void badConfigurationIsAOneLineError() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "http"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("needs a value");
        Path typo = yaml("helth:\n  memoryDegradedMb: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", typo.toString()}, Map.of()))
                .hasMessage("unknown configuration key 'helth'");
        Path nested = yaml("rateLimit:\n  perMinute:\n    scenes_typo: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", nested.toString()}, Map.of()))
                .hasMessage("unknown configuration key 'rateLimit.perMinute.scenes_typo'");
        Path broken = yaml("port: [1, 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", broken.toString()}, Map.of()))
                .hasMessageContaining("not valid YAML").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", dir.resolve("missing.yml").toString()},
                Map.of())).hasMessageContaining("cannot read config file");
        Path inverted = yaml("health:\n  memoryDegradedMb: 300\n  memoryUnhealthyMb: 200\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", inverted.toString()}, Map.of()))
                .hasMessageContaining("must not exceed");
    }

    @Test
    void workloadAndConnectionSettingsFromFlagsEnvironmentAndFile() throws Exception {
        ServerConfig d = ConfigLoader.load(new String[0], Map.of());
        assertThat(d.workload().threads()).isGreaterThanOrEqualTo(2);
        assertThat(d.workload().queue()).isEqualTo(4 * d.workload().threads());
        assertThat(d.workload().deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.connections().perClient()).isEqualTo(64).isLessThan(d.health().connectionsDegraded());
        assertThat(d.connections().headTimeout()).isEqualTo(Duration.ofSeconds(10));

        Path file = yaml("""
                workload: {threads: 3, queue: 5, deadlineMs: 700}
                connections: {perClient: 9, headTimeoutMs: 1500}
                """);
        ServerConfig c = ConfigLoader.load(new String[] {"--config", file.toString(), "--workload-threads", "6",
                "--head-timeout-ms", "2500"}, Map.of("SPACETIME_WORKLOAD_QUEUE", "11",
                "SPACETIME_CONNECTIONS_PER_CLIENT", "12", "SPACETIME_WORKLOAD_DEADLINE_MS", "800"));
        assertThat(c.workload()).isEqualTo(new ServerConfig.Workload(6, 11, Duration.ofMillis(800)));
        assertThat(c.connections()).isEqualTo(new ServerConfig.Connections(12, Duration.ofMillis(2500)));
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--workload-threads", "0"}, Map.of()))
                .hasMessageContaining("workload.threads");
    }

    @Test
    void heartbeatWindowFromFlagEnvironmentAndFile() throws Exception {
        assertThat(ConfigLoader.load(new String[0], Map.of()).alerting().heartbeatWindow())
                .isEqualTo(Duration.ofMinutes(5));
        Path file = yaml("alerting: {heartbeatWindowSeconds: 120}\n");
        assertThat(ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()).alerting()
                .heartbeatWindow()).isEqualTo(Duration.ofSeconds(120));
        assertThat(ConfigLoader.load(new String[] {"--config", file.toString()},
                Map.of("SPACETIME_ALERTING_HEARTBEAT_WINDOW_SECONDS", "180")).alerting().heartbeatWindow())
                .isEqualTo(Duration.ofSeconds(180));
        assertThat(ConfigLoader.load(new String[] {"--alerting-heartbeat-window-seconds", "240"},
                Map.of("SPACETIME_ALERTING_HEARTBEAT_WINDOW_SECONDS", "180")).alerting().heartbeatWindow())
                .isEqualTo(Duration.ofSeconds(240));
        for (String bad : new String[] {"0", "-5", "5m", "604801"}) {
            assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--alerting-heartbeat-window-seconds", bad},
                    Map.of())).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("configuration key 'alerting.heartbeatWindowSeconds' must be");
        }
        Path typo = yaml("alerting: {heartbeatWindow: 120}\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", typo.toString()}, Map.of()))
                .hasMessage("unknown configuration key 'alerting.heartbeatWindow'");
    }

    @Test
    void sceneSettingsWithPerEnvironmentWhitelists() throws Exception {
        ServerConfig.Scenes d = ConfigLoader.load(new String[0], Map.of()).scenes();
        assertThat(d.mainScene()).isEqualTo("res://main.tscn");
        assertThat(d.targetFps()).isEqualTo(90);
        assertThat(d.fpsFloor()).isEqualTo(60);
        assertThat(d.environment()).isEqualTo("development");
        assertThat(d.activeWhitelist()).isEmpty();

        Path file = yaml("""
                scenes:
                  mainScene: res://levels//start.tscn
                  targetFps: 72
                  fpsFloor: 50
                  maxSceneBytes: 1048576
                  environment: staging
                  blacklist: [secret/]
                  whitelist:
                    production: [main.tscn, levels/]
                    staging: ["ui/*.tscn", "levels/**"]
                """);
        ServerConfig.Scenes s = ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()).scenes();
        assertThat(s.mainScene()).as("canonical").isEqualTo("res://levels/start.tscn");
        assertThat(s.targetFps()).isEqualTo(72);
        assertThat(s.fpsFloor()).isEqualTo(50);
        assertThat(s.maxSceneBytes()).isEqualTo(1048576);
        assertThat(s.activeWhitelist()).containsExactly("ui/*.tscn", "levels/**");
        assertThat(s.pathPolicy().decide("res://secret/a.tscn").allowed()).isFalse();
        assertThat(s.pathPolicy().decide("res://addons/a.tscn").allowed()).as("built-in blacklist stays").isFalse();
        assertThat(s.pathPolicy().decide("res://ui/menu.tscn").allowed()).isTrue();
        assertThat(s.pathPolicy().decide("res://main.tscn").allowed()).isFalse();

        ServerConfig.Scenes prod = ConfigLoader.load(new String[] {"--config", file.toString()},
                Map.of("SPACETIME_ENVIRONMENT", "production")).scenes();
        assertThat(prod.environment()).as("environment variable beats file").isEqualTo("production");
        assertThat(prod.activeWhitelist()).containsExactly("main.tscn", "levels/");
        assertThat(ConfigLoader.load(new String[] {"--environment", "development"},
                Map.of("SPACETIME_ENVIRONMENT", "production")).scenes().environment()).isEqualTo("development");
    }

    @Test
    void badSceneSettingsAreRejected() throws Exception {
        for (String[] bad : new String[][] {
            {"scenes:\n  mainScene: res://../x.tscn\n", "scenes.mainScene"},
            {"scenes:\n  fpsFloor: 100\n", "must not exceed"},
            {"scenes:\n  blacklist: [/etc/]\n", "invalid path pattern"},
            {"scenes:\n  whitelist:\n    production: [../x]\n", "must not contain"},
            {"scenes:\n  whitelist:\n    production: main.tscn\n", "scenes.whitelist.production' must be a list"},
            {"scenes:\n  environment: prod uction\n", "scenes.environment"},
            {"scenes:\n  mainscene: res://main.tscn\n", "unknown configuration key 'scenes.mainscene'"}}) {
            Path file = yaml(bad[0]);
            assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()))
                    .as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[1]);
        }
    }

    @Test
    void profilerAndInstrumentationSettings() throws Exception {
        ServerConfig d = ConfigLoader.load(new String[0], Map.of());
        assertThat(d.instrumentation().enabled()).isTrue();
        assertThat(d.profiler()).isEqualTo(new ServerConfig.Profiling(true, 1.0, 100.0, 1000));

        Path file = yaml("""
                instrumentation:
                  enabled: false
                profiler:
                  enabled: false
                  sampleRate: 0.25
                  slowThresholdMs: 12.5
                  capacity: 50
                """);
        ServerConfig c = ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of());
        assertThat(c.instrumentation().enabled()).isFalse();
        assertThat(c.profiler()).isEqualTo(new ServerConfig.Profiling(false, 0.25, 12.5, 50));

        ServerConfig env = ConfigLoader.load(new String[] {"--config", file.toString(), "--profiler-sample-rate",
            "0.5"}, Map.of("SPACETIME_INSTRUMENTATION", "true", "SPACETIME_PROFILER", "true",
                "SPACETIME_PROFILER_SAMPLE_RATE", "0.75"));
        assertThat(env.instrumentation().enabled()).as("environment beats file").isTrue();
        assertThat(env.profiler()).as("command line beats environment")
                .isEqualTo(new ServerConfig.Profiling(true, 0.5, 12.5, 50));
    }

    @Test
    void badProfilerSettingsAreRejected() throws Exception {
        for (String[] bad : new String[][] {
            {"profiler:\n  sampleRate: 1.5\n", "'profiler.sampleRate' must be between 0.0 and 1.0"},
            {"profiler:\n  sampleRate: often\n", "'profiler.sampleRate' must be a number"},
            {"profiler:\n  slowThresholdMs: -1\n", "'profiler.slowThresholdMs' must be between"},
            {"profiler:\n  capacity: 0\n", "'profiler.capacity' must be between 1 and 100000"},
            {"profiler:\n  enabled: maybe\n", "'profiler.enabled' must be true or false"},
            {"profiler:\n  sample_rate: 0.5\n", "unknown configuration key 'profiler.sample_rate'"},
            {"instrumentation:\n  enabled: 1\n", "'instrumentation.enabled' must be true or false"},
            {"instrumentation:\n  metrics: false\n", "unknown configuration key 'instrumentation.metrics'"}}) {
            Path file = yaml(bad[0]);
            assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()))
                    .as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[1]);
        }
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--instrumentation", "off"}, Map.of()))
                .hasMessageContaining("'instrumentation.enabled' must be true or false");
    }
}
