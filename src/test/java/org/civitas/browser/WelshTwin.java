package org.civitas.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.microsoft.playwright.Page;

/**
 * Every page a browser test checks for accessibility is also opened in Welsh ({@code ?lang=cy}, in a
 * second tab of the same browser context, so the same person, session and journey) and must come
 * back with {@code <html lang="cy">} and no words left from the English bundles: every fragment of an
 * English message that is at least two words long and appears in no Welsh message counts as
 * untranslated when it is on the page. The tab then switches the context back to English
 * ({@code ?lang=en}), so the test goes on as it was.
 * <p>
 * Words a person typed (an English description) are not in the bundles and do not count; words a
 * service manager wrote are the demo body's, which has them in both languages.
 */
final class WelshTwin {

    /** Placeholders ({0}, {1,number}) and markup split a message into the literal fragments people read. */
    private static final Pattern SPLIT = Pattern.compile("\\{[0-9][^}]*}|<[^>]+>|&[a-z]+;|\\s*[.:;!?]\\s+|\\s*[.:;!?]$");

    private static final List<String> ENGLISH_LEFT = englishFragments();

    private WelshTwin() {
    }

    /**
     * Opens {@code englishPage}'s address in Welsh beside it, runs {@code check} on the Welsh page (axe),
     * asserts it is Welsh through and through, and switches the person back to English.
     */
    static void check(Page englishPage, java.util.function.Consumer<Page> check) {
        if (!"en".equals(englishPage.getAttribute("html", "lang"))) {
            return; // Welsh already (checked as it is), or no page of ours
        }
        String address = englishPage.url();
        Page welsh = englishPage.context().newPage();
        try {
            welsh.navigate(withLanguage(address, "cy"));
            BrowserTest.waitForScripts(welsh);
            assertThat(welsh.getAttribute("html", "lang")).as("<html lang> of %s in Welsh", address).isEqualTo("cy");
            assertNoEnglishLeft(welsh);
            check.accept(welsh);
        }
        finally {
            welsh.navigate(withLanguage(address, "en"));
            welsh.close();
        }
    }

    /** Asserts that the Welsh page shows no words of the English bundles (a screenshot is kept when it does). */
    static void assertNoEnglishLeft(Page welsh) {
        String text = normalised(welsh.innerText("body"));
        List<String> left = ENGLISH_LEFT.stream().filter(text::contains).toList();
        if (!left.isEmpty()) {
            BrowserTest.screenshot(welsh, "welsh-untranslated-" + Math.abs(welsh.url().hashCode()));
        }
        assertThat(left).as("English words left on %s in Welsh", welsh.url()).isEmpty();
    }

    /** The address with {@code lang} set to {@code language} and its other query parameters kept. */
    static String withLanguage(String address, String language) {
        URI uri = URI.create(address);
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                if (!part.isEmpty() && !part.startsWith("lang=") && !part.equals("lang")) {
                    kept.add(part);
                }
            }
        }
        kept.add("lang=" + language);
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + String.join("&", kept);
    }

    private static String normalised(String text) {
        return text.replace('\u00a0', ' ').replace('’', '\'').replaceAll("\\s+", " ");
    }

    /** The fragments of English messages that should never be seen on a Welsh page, longest first. */
    private static List<String> englishFragments() {
        Map<String, Properties> english = new LinkedHashMap<>();
        Map<String, Properties> welsh = new LinkedHashMap<>();
        Path folder = Path.of("src/main/resources/messages");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".properties")) {
                    continue;
                }
                String bundle = name.substring(0, name.length() - ".properties".length());
                if (bundle.endsWith("_cy")) {
                    welsh.put(bundle.substring(0, bundle.length() - 3), load(file));
                }
                else if (!bundle.contains("_")) {
                    english.put(bundle, load(file));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> welshFragments = new HashSet<>();
        for (Properties messages : welsh.values()) {
            for (String value : messages.stringPropertyNames().stream().map(messages::getProperty).toList()) {
                fragments(value).forEach(welshFragments::add);
                welshFragments.add(normalised(value));
            }
        }
        String allWelsh = String.join("\n", welshFragments);
        Set<String> left = new HashSet<>();
        english.forEach((bundle, messages) -> {
            Properties twin = welsh.getOrDefault(bundle, new Properties());
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                if (value.equals(twin.getProperty(key))) {
                    continue; // the same in both languages on purpose (the completeness test's allow-list)
                }
                fragments(value).filter(fragment -> fragment.indexOf(' ') > 0 && !allWelsh.contains(fragment))
                        .forEach(left::add);
            }
        });
        // none found means the bundles were not read (a run from another directory): every page would pass
        assertThat(english).as("English bundles in %s", folder.toAbsolutePath()).isNotEmpty();
        assertThat(left).as("English fragments to look for").isNotEmpty();
        return left.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static Stream<String> fragments(String message) {
        return Stream.of(SPLIT.split(normalised(message))).map(String::strip).filter(fragment -> fragment.length() >= 6);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
