package org.civitas.platform;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * The deployer's configuration. Each field comes from an environment variable named in README.md
 * (see application.yml for the mapping and defaults).
 */
@ConfigurationProperties(prefix = "civitas")
public record CivitasProperties(
        Path dataDir,
        String bodyName,
        ZoneId timeZone,
        boolean demo,
        String demoApiKey,
        String demoPassword,
        String staffMfa,
        DataSize maxRequestSize,
        String logFormat,
        Database database,
        Oidc oidc) {

    public record Database(String url, String user, String password, int poolSize) {
        public boolean external() {
            return StringUtils.hasText(url);
        }
    }

    public record Oidc(String issuer, String clientId, String clientSecret, String displayName) {
        public boolean configured() {
            return StringUtils.hasText(issuer) && StringUtils.hasText(clientId);
        }
    }

    /** Staff need a second factor unless the deployer says otherwise; the demo defaults to optional. */
    public boolean staffMfaRequired() {
        if (StringUtils.hasText(staffMfa)) {
            return !"optional".equalsIgnoreCase(staffMfa.trim());
        }
        return !demo;
    }
}
