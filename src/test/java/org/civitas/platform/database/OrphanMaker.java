package org.civitas.platform.database;

import java.nio.file.Path;

/**
 * Run in a child JVM by the tests: starts the embedded PostgreSQL the way Civitas does, says so,
 * and waits to be killed with SIGKILL, leaving its postmaster behind as a crashed Civitas would.
 */
public final class OrphanMaker {

    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(Path.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
