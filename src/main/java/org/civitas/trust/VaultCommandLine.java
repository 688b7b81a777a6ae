package org.civitas.trust;

import java.io.PrintStream;

import org.civitas.trust.vault.RotateMasterKeyCommand;

/** The {@code vault} command of the executable jar ({@code java -jar civitas.jar vault rotate-master-key}); returns the exit code. */
public final class VaultCommandLine {

    private VaultCommandLine() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return RotateMasterKeyCommand.run(args, System.getenv(), out, err);
    }
}
