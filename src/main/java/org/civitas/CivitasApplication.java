package org.civitas;

import org.civitas.platform.CivitasProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(CivitasProperties.class)
@EnableScheduling
public class CivitasApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "audit".equals(args[0])) {
            // a command beside the server: no Spring context, no Tomcat, no migrations
            System.exit(org.civitas.trust.AuditCommandLine.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "vault".equals(args[0])) {
            // likewise: the master-key rotation runs with every node stopped (decision 0012)
            System.exit(org.civitas.trust.VaultCommandLine.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(CivitasApplication.class, args);
    }
}
