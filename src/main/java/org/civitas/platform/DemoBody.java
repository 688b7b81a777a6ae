package org.civitas.platform;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo seeding decided (generated or configured secrets) and the sign-in details that are
 * written once, when the demo body is first created, to a file only the operating-system user can
 * read (never to the console or the log).
 * <p>
 * Each demo account gets its own generated password, so the demo citizen does not know the
 * administrator's. Only when the deployer fixes one with {@code CIVITAS_DEMO_PASSWORD} (tests and
 * scripted demos do) do all the accounts share it: that was asked for explicitly (decision 0019).
 */
public final class DemoBody {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String fixedPassword;
    private final String apiKey;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final List<String> signInDetails = new ArrayList<>();

    /**
     * @param fixedPassword the deployer's {@code CIVITAS_DEMO_PASSWORD}, or {@code null} to generate one per account
     * @param apiKey        the deployer's {@code CIVITAS_DEMO_API_KEY}, or {@code null} to generate it
     */
    public DemoBody(String fixedPassword, String apiKey) {
        this.fixedPassword = fixedPassword == null || fixedPassword.isBlank() ? null : fixedPassword;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** The password of one demo account: the fixed one when configured, else its own, generated once. */
    public String passwordFor(String account) {
        return passwords.computeIfAbsent(account, any -> fixedPassword != null ? fixedPassword : randomSecret(20));
    }

    /** Whether the deployer fixed one password for every demo account. */
    public boolean passwordFixed() {
        return fixedPassword != null;
    }

    public String apiKey() {
        return apiKey;
    }

    /** A line for the demo's secrets file. */
    public void announce(String line) {
        signInDetails.add(line);
    }

    public List<String> signInDetails() {
        return List.copyOf(signInDetails);
    }

    /** Letters and digits that cannot be mistaken for one another, from a SecureRandom. */
    public static String randomSecret(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
