package org.civitas.trust;

import java.io.PrintStream;

import org.civitas.trust.audit.AuditCommand;

/** The {@code audit} command of the executable jar ({@code java -jar civitas.jar audit verify}); returns the exit code. */
public final class AuditCommandLine {

    private AuditCommandLine() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return AuditCommand.run(args, System.getenv(), out, err);
    }
}
