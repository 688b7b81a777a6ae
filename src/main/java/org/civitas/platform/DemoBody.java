package org.civitas.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * What the demo seeding decided (generated or configured secrets) and the sign-in details that
 * are printed once, when the demo body is first created.
 */
public final class DemoBody {

    private final String password;
    private final String apiKey;
    private final List<String> signInDetails = new ArrayList<>();

    public DemoBody(String password, String apiKey) {
        this.password = password;
        this.apiKey = apiKey;
    }

    public String password() {
        return password;
    }

    public String apiKey() {
        return apiKey;
    }

    public void announce(String line) {
        signInDetails.add(line);
    }

    public List<String> signInDetails() {
        return List.copyOf(signInDetails);
    }
}
