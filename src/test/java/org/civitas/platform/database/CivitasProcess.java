package org.civitas.platform.database;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.civitas.CivitasApplication;
import org.civitas.CivitasTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts and stops a whole Civitas the way {@code java -jar} does, on a data directory of the test's choosing. */
final class CivitasProcess {

    private CivitasProcess() {
    }

    static ConfigurableApplicationContext start(Path dataDir, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("civitas.data-dir", dataDir.toString());
        properties.put("server.port", "0");
        properties.put("civitas.demo-password", CivitasTest.DEMO_PASSWORD);
        properties.put("civitas.demo-api-key", CivitasTest.DEMO_API_KEY);
        properties.putAll(extra);
        // as command-line arguments, so they win over every configuration file, as environment variables would
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CivitasApplication.class).run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
