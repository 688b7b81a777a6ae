package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps Civitas bilingual: every English bundle {@code messages/<name>.properties} has a Welsh twin
 * {@code messages/<name>_cy.properties} with the same keys, every Welsh value filled in and translated
 * (a value equal to the English one only for keys on the allow-list
 * {@code welsh-same-as-english.txt}), the same {@code {0}}-style arguments in both languages, and no
 * lone ASCII apostrophe in a message with arguments, which {@link java.text.MessageFormat} would
 * swallow. The bundles are discovered, not listed: a new module's bundle is covered the day it is
 * added. See docs/welsh.md.
 */
class WelshBundlesTest {

    static final Path MESSAGES = Path.of("src/main/resources/messages");
    static final String ALLOW_LIST = "welsh-same-as-english.txt";
    static final Locale WELSH = Locale.forLanguageTag("cy");
    /** A translation's file name: a language code (and region) after the bundle's name, e.g. platform_cy.properties. */
    static final Pattern TRANSLATION = Pattern.compile(".+_[a-z]{2,3}(_[A-Z]{2})?\\.properties");
    static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*(,[^{}]*)?}");

    @Test
    void everyEnglishBundleHasACompleteWelshTwin() {
        assertThat(englishBundles(MESSAGES)).as("English bundles found in %s", MESSAGES.toAbsolutePath())
                .extracting(file -> file.getFileName().toString()).contains("platform.properties", "identity.properties");
        Map<String, List<String>> problems = problems(MESSAGES, allowList());
        if (!problems.isEmpty()) {
            fail(report(problems));
        }
    }

    @Test
    void theAllowListNamesOnlyKeysThatExistInEnglish() {
        Set<String> englishKeys = new TreeSet<>();
        for (Path english : englishBundles(MESSAGES)) {
            englishKeys.addAll(load(english).values.keySet());
        }
        Set<String> unknown = new TreeSet<>(allowList().keySet());
        unknown.removeAll(englishKeys);
        assertThat(unknown).as("keys on %s that no English bundle has: remove them", ALLOW_LIST).isEmpty();
        assertThat(allowList()).as("every key on %s has a reason after '#'", ALLOW_LIST)
                .allSatisfy((key, reason) -> assertThat(reason).isNotBlank());
    }

    // ---- the checker proves it can fail: each rule on a bundle made for it ----

    @Test
    void aMissingWelshFileIsNamed(@TempDir Path dir) throws IOException {
        write(dir, "requests.properties", "a=Report a problem");
        assertThat(problems(dir, Map.of())).containsOnlyKeys("requests_cy.properties")
                .hasEntrySatisfying("requests_cy.properties",
                        found -> assertThat(found).singleElement().asString().contains("does not exist"));
    }

    @Test
    void missingStaleBlankAndUntranslatedKeysAreNamed(@TempDir Path dir) throws IOException {
        write(dir, "trust.properties", "a=Continue\nb=Back\nc=Save\nd=Civitas\n");
        write(dir, "trust_cy.properties", "b=\nc=Save\nd=Civitas\nz=Hen allwedd\n");
        List<String> found = problems(dir, Map.of("d", "a name")).get("trust_cy.properties");
        assertThat(String.join("\n", found))
                .contains("missing from Welsh: a")
                .contains("not in English (stale): z")
                .contains("blank: b")
                .contains("same as English: c")
                .doesNotContain(": d");
    }

    @Test
    void argumentsMustMatchAndALoneApostropheIsRefusedInMessagesWithArguments(@TempDir Path dir) throws IOException {
        write(dir, "x.properties", "a=Team {0} is added\nb=The team's name is {0}\nc=It''s {0}\nd=The team's name\n");
        write(dir, "x_cy.properties", "a=Mae’r tîm wedi’i ychwanegu\nb=Enw’r tîm yw {0}\nc=Dyma {0}\nd=Enw’r tîm\n");
        Map<String, List<String>> problems = problems(dir, Map.of());
        assertThat(String.join("\n", problems.get("x_cy.properties")))
                .contains("a: arguments differ: English {0}, Welsh none");
        assertThat(String.join("\n", problems.get("x.properties")))
                .contains("b: lone ASCII apostrophe")
                .doesNotContain("c:")
                .doesNotContain("d:");
    }

    @Test
    void aBrokenMessagePatternOrDatePatternIsNamed(@TempDir Path dir) throws IOException {
        write(dir, "x.properties", "a=Team {0} is added\nx.dateFormat=d MMMM yyyy 'at' h:mma\n");
        write(dir, "x_cy.properties", "a=Mae tîm {0 wedi’i ychwanegu {0}\nx.dateFormat=d MMMM yyyy 'am h:mma\n");
        assertThat(String.join("\n", problems(dir, Map.of()).get("x_cy.properties")))
                .contains("a: not a valid message pattern")
                .contains("x.dateFormat: not a valid java.time date pattern");
        assertThat(problems(dir, Map.of())).doesNotContainKey("x.properties");
    }

    @Test
    void aWelshFileWithoutEnglishIsNamedAndBundleNamesMayHoldUnderscores(@TempDir Path dir) throws IOException {
        write(dir, "open_data.properties", "a=Data sets\n");
        write(dir, "open_data_cy.properties", "a=Setiau data\n");
        write(dir, "engagement_cy.properties", "a=Ymgynghoriadau\n");
        assertThat(englishBundles(dir)).extracting(file -> file.getFileName().toString()).containsExactly("open_data.properties");
        assertThat(problems(dir, Map.of())).containsOnlyKeys("engagement_cy.properties");
    }

    @Test
    void aDuplicatedKeyIsNamed(@TempDir Path dir) throws IOException {
        write(dir, "x.properties", "a=Save\n");
        write(dir, "x_cy.properties", "a=Cadw\na=Cadw eto\n");
        assertThat(String.join("\n", problems(dir, Map.of()).get("x_cy.properties"))).contains("twice: a");
    }

    // ---- the checker ----

    /** Problems per file name (only files with problems), each a sentence a translator can act on. */
    static Map<String, List<String>> problems(Path dir, Map<String, String> sameAsEnglishAllowed) {
        Map<String, List<String>> problems = new TreeMap<>();
        for (Path englishFile : englishBundles(dir)) {
            String name = englishFile.getFileName().toString();
            String welshName = name.replace(".properties", "_cy.properties");
            Path welshFile = dir.resolve(welshName);
            Bundle english = load(englishFile);
            english.duplicates.forEach(key -> add(problems, name, "key written twice: " + key));
            english.values.forEach((key, value) -> formatProblems(key, value, Locale.UK).forEach(problem -> add(problems, name, problem)));
            if (!Files.exists(welshFile)) {
                add(problems, welshName, "does not exist: copy " + name + " to " + welshName
                        + " and translate every value into Welsh");
                continue;
            }
            Bundle welsh = load(welshFile);
            welsh.duplicates.forEach(key -> add(problems, welshName, "key written twice: " + key));
            for (String key : english.values.keySet()) {
                if (!welsh.values.containsKey(key)) {
                    add(problems, welshName, "missing from Welsh: " + key);
                }
            }
            for (String key : welsh.values.keySet()) {
                if (!english.values.containsKey(key)) {
                    add(problems, welshName, "not in English (stale): " + key + " (remove it, or add it to " + name + ")");
                }
            }
            welsh.values.forEach((key, value) -> {
                String englishValue = english.values.get(key);
                if (englishValue == null) {
                    return;
                }
                if (value.isBlank()) {
                    add(problems, welshName, "blank: " + key);
                    return;
                }
                if (value.strip().equals(englishValue.strip()) && !sameAsEnglishAllowed.containsKey(key)) {
                    add(problems, welshName, "same as English: " + key + " = " + value.strip()
                            + " (translate it, or add the key with a reason to " + ALLOW_LIST + ")");
                }
                Set<String> englishArguments = arguments(englishValue);
                Set<String> welshArguments = arguments(value);
                if (!englishArguments.equals(welshArguments)) {
                    add(problems, welshName, key + ": arguments differ: English " + describe(englishArguments)
                            + ", Welsh " + describe(welshArguments) + " (keep each {n} exactly as in English)");
                }
                formatProblems(key, value, WELSH).forEach(problem -> add(problems, welshName, problem));
            });
        }
        for (Path welshFile : welshBundles(dir)) {
            String welshName = welshFile.getFileName().toString();
            String name = welshName.replace("_cy.properties", ".properties");
            if (!Files.exists(dir.resolve(name))) {
                add(problems, welshName, "has no English bundle " + name + ": remove it, or add " + name);
            }
        }
        return problems;
    }

    static List<Path> welshBundles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith("_cy.properties")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What MessageFormat or java.time would trip over: a lone ASCII apostrophe or a broken pattern in
     * a message with arguments, or a key named ...dateFormat that is not a java.time pattern.
     */
    static List<String> formatProblems(String key, String value, Locale locale) {
        List<String> found = new ArrayList<>();
        if (hasArguments(value)) {
            if (hasLoneApostrophe(value)) {
                found.add(key + ": lone ASCII apostrophe in a message with arguments (MessageFormat drops it): write ’ instead");
            }
            try {
                new MessageFormat(value, locale);
            } catch (IllegalArgumentException e) {
                found.add(key + ": not a valid message pattern (" + e.getMessage() + "): check the { and } around each argument");
            }
        }
        if (key.endsWith("dateFormat")) {
            try {
                DateTimeFormatter.ofPattern(value, locale);
            } catch (IllegalArgumentException e) {
                found.add(key + ": not a valid java.time date pattern (" + e.getMessage() + "): quote words as 'am'");
            }
        }
        return found;
    }

    static String report(Map<String, List<String>> problems) {
        StringBuilder report = new StringBuilder("The Welsh bundles in " + MESSAGES + " are not complete (see docs/welsh.md):");
        problems.forEach((file, found) -> {
            report.append("\n\n").append(file).append(" (").append(found.size()).append(found.size() == 1 ? " problem" : " problems").append("):");
            found.forEach(problem -> report.append("\n  - ").append(problem));
        });
        return report.append('\n').toString();
    }

    static List<Path> englishBundles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".properties"))
                    .filter(file -> !TRANSLATION.matcher(file.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Bundle(Map<String, String> values, Set<String> duplicates) {
    }

    /** A bundle read as Spring reads it (UTF-8, spring.messages.encoding's default), noting keys written twice. */
    static Bundle load(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (values.put((String) key, (String) value) != null) {
                    duplicates.add((String) key);
                }
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Bundle(values, duplicates);
    }

    /** Keys that may read the same in Welsh and English, each with the reason after '#'. */
    static Map<String, String> allowList() {
        Map<String, String> allowed = new TreeMap<>();
        try (var in = WelshBundlesTest.class.getResourceAsStream(ALLOW_LIST)) {
            assertThat(in).as(ALLOW_LIST + " next to this test").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                int hash = line.indexOf('#');
                String key = (hash < 0 ? line : line.substring(0, hash)).strip();
                allowed.put(key, hash < 0 ? "" : line.substring(hash + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return allowed;
    }

    static boolean hasArguments(String value) {
        return ARGUMENT.matcher(value).find();
    }

    /** An ASCII apostrophe not doubled: MessageFormat reads it as the start of quoted text and drops it. */
    static boolean hasLoneApostrophe(String value) {
        return value.replace("''", "").indexOf('\'') >= 0;
    }

    /** The arguments as written, spaces removed: {0}, {1,number,#}… */
    static Set<String> arguments(String value) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(value);
        while (matcher.find()) {
            arguments.add(matcher.group().replaceAll("\\s", ""));
        }
        return arguments;
    }

    static String describe(Set<String> arguments) {
        return arguments.isEmpty() ? "none" : String.join(", ", arguments);
    }

    static void add(Map<String, List<String>> problems, String file, String problem) {
        problems.computeIfAbsent(file, f -> new ArrayList<>()).add(problem);
    }

    static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
