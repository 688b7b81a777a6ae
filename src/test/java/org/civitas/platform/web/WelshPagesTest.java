package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The platform, identity and catalogue pages asked for in Welsh ({@code Accept-Language: cy}) say
 * {@code lang="cy"} and show none of the sentences of their English bundles: every word on them
 * comes from the Welsh twins (docs/welsh.md).
 */
@CivitasTest
class WelshPagesTest {

    static final String[] WELSH = {"Accept-Language", "cy"};

    @LocalServerPort
    int port;

    @Test
    void publicAndSignInPagesAreWelshThrough() {
        WebSession visitor = new WebSession(port);
        for (String path : List.of("/", "/accessibility", "/privacy", "/sign-in", "/register", "/no-such-page")) {
            assertWelsh(path, visitor.get(path, WELSH));
        }
        visitor.get("/register", WELSH);
        HttpResponse<String> refused = visitor.postRaw("/register", "application/x-www-form-urlencoded",
                WebSession.form(Map.of("_csrf", visitor.csrfToken(), "name", "", "email", "not an address", "password", "short")),
                WELSH);
        assertThat(refused.body()).contains("Mae problem wedi codi").contains("Rhowch eich enw llawn");
        assertWelsh("/register (refused)", refused);
    }

    @Test
    void administrationAndServiceCataloguePagesAreWelshThrough() {
        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        for (String path : List.of("/account", "/admin/staff", "/admin/staff/new", "/admin/teams", "/admin/teams/new",
                "/admin/api-keys", "/admin/bank-holidays?year=2028", "/staff/services", "/staff/services/new",
                "/staff/services/pothole", "/staff/services/pothole/questions")) {
            assertWelsh(path, admin.get(path, WELSH));
        }
    }

    private static void assertWelsh(String path, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(path).isIn(200, 400, 404);
        assertThat(response.body()).as(path).contains("<html lang=\"cy\"");
        String text = visibleText(response.body());
        List<String> english = new ArrayList<>();
        englishSentences().forEach((key, value) -> {
            if (text.contains(value)) {
                english.add(key + " = " + value);
            }
        });
        assertThat(english).as("English bundle sentences on %s in Welsh", path).isEmpty();
    }

    /** The English values of platform, identity and catalogue of two words or more and without arguments. */
    private static Map<String, String> englishSentences() {
        Map<String, String> sentences = new TreeMap<>();
        for (String bundle : List.of("platform", "identity", "catalogue")) {
            WelshBundlesTest.load(WelshBundlesTest.MESSAGES.resolve(bundle + ".properties")).values().forEach((key, value) -> {
                if (!WelshBundlesTest.hasArguments(value) && value.strip().contains(" ")) {
                    sentences.put(key, value.strip());
                }
            });
        }
        return sentences;
    }

    private static String visibleText(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<head>.*?</head>", " ")
                .replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ");
    }
}
