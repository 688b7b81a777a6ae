package org.civitas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Welsh words of a module say what the English say in the same form: the same {0}/{1} arguments,
 * the same codes, field names, numbers and addresses, no ASCII apostrophe (MessageFormat would swallow
 * it), every message parses as MessageFormat, every date pattern is a java.time pattern. Which keys
 * exist and whether values are empty is the completeness test's job, not this one's.
 */
class WelshWordingTest {

    private static final Locale WELSH = Locale.forLanguageTag("cy");
    /** An argument by its number ({0,choice,...} is argument 0), or a {name} in an API address. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{(?:\\d+|[a-z]+\\})");
    /** What a translator must not translate: field names, codes, addresses, file types, acronyms and numbers (example e-mail addresses are translated). */
    private static final Pattern KEPT = Pattern.compile(
            "[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+|\\.(?:xml|json)\\b|https?://|/api/v1/\\S+|--[a-z-]+|"
                    + "\\b[A-Z][A-Z0-9-]*[A-Z0-9]\\b|\\d+(?:[.:]\\d+)*|[<>]");
    /** Capitals in English that are words, not codes: Welsh translates them. */
    private static final Set<String> TRANSLATED_CAPITALS = Set.of("FILE");

    @ParameterizedTest
    @ValueSource(strings = {"requests", "trust"})
    void everyWelshMessageHasTheFormOfItsEnglishOne(String module) throws IOException {
        Properties english = load("messages/" + module + ".properties");
        Properties welsh = load("messages/" + module + "_cy.properties");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(welsh.stringPropertyNames())) {
            String cy = welsh.getProperty(key);
            String en = english.getProperty(key);
            if (en == null) {
                problems.add(key + ": not in the English bundle");
                continue;
            }
            if (key.endsWith("dateFormat")) {
                try {
                    String shown = DateTimeFormatter.ofPattern(cy, WELSH)
                            .format(ZonedDateTime.of(2026, 3, 27, 14, 30, 0, 0, ZoneId.of("Europe/London")));
                    if (!shown.contains("Mawrth")) {
                        problems.add(key + ": a date in March reads " + shown);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": not a java.time pattern (" + e.getMessage() + ")");
                }
                continue;
            }
            if (cy.indexOf('\'') >= 0) {
                problems.add(key + ": an ASCII apostrophe; write ’");
            }
            if (!tokens(ARGUMENT, en).equals(tokens(ARGUMENT, cy))) {
                problems.add(key + ": arguments " + tokens(ARGUMENT, cy) + ", English has " + tokens(ARGUMENT, en));
            }
            Set<String> kept = tokens(KEPT, en);
            kept.removeAll(TRANSLATED_CAPITALS);
            kept.removeAll(tokens(KEPT, cy));
            if (!kept.isEmpty()) {
                problems.add(key + ": lost " + kept);
            }
            if (parses(en)) {
                try {
                    new MessageFormat(cy, WELSH).format(new Object[] {2, 2, 2});
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": not a MessageFormat (" + e.getMessage() + ")");
                }
            }
        }
        assertThat(problems).as(module + "_cy.properties").isEmpty();
    }

    private static boolean parses(String message) {
        try {
            new MessageFormat(message, Locale.UK);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // {reference} in an address: never formatted with arguments
        }
    }

    private static Set<String> tokens(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = WelshWordingTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
