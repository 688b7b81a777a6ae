package org.civitas.requests.open311;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random input thrown at Open311 POST requests.json, property-style without jqwik (decision 0007):
 * a seeded generator builds form bodies with random values for every field (unicode with control
 * characters and emoji, very long strings, SQL and script injection, numbers out of range, malformed
 * {@code attribute[...]} names, duplicated parameters, empty values). Whatever comes in: never a
 * 5xx, always an Open311 JSON body (an array), and the stored rows grow only by the number of 200s.
 * <p>
 * The seed is fixed, and printed in every assertion message; set {@code -Dopen311.random.seed=N} to
 * replay or explore another one.
 */
@CivitasTest
class Open311RandomInputTest {

    private static final long SEED = Long.getLong("open311.random.seed", 0x311C1717A5L);
    private static final int BODIES = 300;

    private static final String[] FIELDS = {"api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string",
            "address_id", "description", "media_url", "first_name", "last_name", "email", "phone", "device_id", "account_id"};
    private static final String[] SERVICES = {"pothole", "bulky-waste", "street-light", "fly-tipping", "POTHOLE", " pothole "};
    private static final String[] ATTRIBUTE_NAMES = {"attribute[size]", "attribute[surface]", "attribute[depth]",
            "attribute[items][]", "attribute[item_count]", "attribute[access]", "attribute[fault]", "attribute[]",
            "attribute[", "attribute]", "attribute[[size]]", "attribute[size][][]", "attribute[size", "attribute[size]x",
            "attribute[ size ]", "attribute[nope]", "attribute[items]", "attribute[depth][]", "attribute[😀]",
            "attribute[size]\u0000", "attribute[' or 1=1--]", "attribute[<script>]", "attribute"};
    private static final String[] INJECTIONS = {"' or '1'='1", "'; drop table requests.service_request; --",
            "1; select pg_sleep(5)", "\" or \"\"=\"", "%27%20or%201=1", "$$; drop schema requests cascade; $$",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "</request><request>", "]]>", "\\u0000", "%00",
            "../../etc/passwd", "{\"$gt\": \"\"}", "null", "undefined", "NaN", "-- ", "/*", "*/", "\\", "'", "\""};
    private static final String[] NUMBERS = {"0", "-0", "90", "-90", "90.0000001", "180", "-180.5", "1e308", "-1e309", "1e-400",
            "NaN", "Infinity", "-Infinity", "0x10", "1,5", "51.46", "-0.30", "+51.46", " 51.46 ", "5", "6", "1", "-1",
            "99999999999999999999999999999999999999999", "0.0000000000000000000000001", "1_000", "١٢", "５１", ".", "-", "e5"};
    private static final String[] VALUES = {"small", "medium", "large", "road", "pavement", "cycle_path", "sofa", "fridge",
            "bed", "out", "https://photos.example/a.jpg", "http://x", "ftp://x/y", "ada@example.org", "07700 900123",
            CivitasTest.DEMO_API_KEY, "riverside.example", "2026-03-10T14:30:00Z", "2026-03-10T14:30:00"};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void randomBodiesNeverGetA5xxAlwaysAnOpen311JsonArrayAndNoPartialRows() {
        WebSession client = new WebSession(port);
        SplittableRandom random = new SplittableRandom(SEED);
        long rowsBefore = count("requests.service_request");
        long keysBefore = count("trust.data_key");
        int accepted = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < BODIES; i++) {
            String body = body(random);
            String context = "seed " + SEED + ", body " + i + ": " + abbreviate(body);
            HttpResponse<String> response = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded", body);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as(context + " -> " + abbreviate(response.body())).isLessThan(500);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(context).contains("json");
            JsonNode answer;
            try {
                answer = Open311Conformance.json(response.body());
            } catch (AssertionError e) {
                throw new AssertionError(context + " -> not JSON: " + abbreviate(response.body()), e);
            }
            assertThat(answer.isArray()).as(context + " -> " + abbreviate(response.body())).isTrue();
            assertThat(answer.isEmpty()).as(context).isFalse();
            if (response.statusCode() == 200) {
                accepted++;
                JsonNode created = answer.get(0);
                assertThat(created.hasNonNull("service_request_id") || created.hasNonNull("token"))
                        .as(context + " -> " + response.body()).isTrue();
            } else {
                for (JsonNode error : answer) {
                    assertThat(error.get("code").asInt()).as(context + " -> " + response.body()).isEqualTo(response.statusCode());
                    assertThat(error.get("description").asText()).as(context).isNotBlank();
                }
            }
            long rows = count("requests.service_request") - rowsBefore;
            assertThat(rows).as(context + ": rows grow only by the accepted requests").isEqualTo(accepted);
        }
        assertThat(count("trust.data_key") - keysBefore).as("seed %d: contact keys only for accepted requests", SEED)
                .isLessThanOrEqualTo(accepted);
        // the generator is worth something only if it reaches both sides
        assertThat(accepted).as("seed %d, statuses %s", SEED, statuses).isGreaterThan(5);
        assertThat(BODIES - accepted).as("seed %d, statuses %s", SEED, statuses).isGreaterThan(50);
        System.out.println("Open311RandomInputTest seed " + SEED + ": statuses " + statuses);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " characters)";
    }

    /** A form body: mostly a plausible request with some fields made random, sometimes wholly random. */
    private static String body(SplittableRandom random) {
        List<String[]> params = new ArrayList<>();
        boolean plausible = random.nextInt(3) > 0;
        if (plausible) {
            params.add(new String[] {"api_key", CivitasTest.DEMO_API_KEY});
            boolean pothole = random.nextBoolean();
            params.add(new String[] {"service_code", pothole ? "pothole" : "bulky-waste"});
            params.add(new String[] {"lat", "51.46"});
            params.add(new String[] {"long", "-0.30"});
            if (pothole) {
                params.add(new String[] {"attribute[size]", "small"});
                params.add(new String[] {"attribute[surface]", "road"});
            } else {
                params.add(new String[] {"attribute[items][]", "sofa"});
                params.add(new String[] {"attribute[item_count]", "2"});
            }
            int changes = random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                String name = random.nextInt(4) == 0 ? pick(random, ATTRIBUTE_NAMES) : pick(random, FIELDS);
                if (random.nextBoolean()) {
                    params.removeIf(param -> param[0].equals(name));
                }
                params.add(new String[] {name, value(random)});
            }
        } else {
            int count = random.nextInt(25);
            for (int p = 0; p < count; p++) {
                String name = switch (random.nextInt(5)) {
                    case 0 -> pick(random, ATTRIBUTE_NAMES);
                    case 1 -> unicode(random, 1 + random.nextInt(20));
                    default -> pick(random, FIELDS);
                };
                params.add(new String[] {name, name.equals("service_code") ? pick(random, SERVICES) : value(random)});
            }
            if (random.nextBoolean()) {
                params.add(new String[] {"api_key", CivitasTest.DEMO_API_KEY});
            }
        }
        // duplicated parameters
        if (!params.isEmpty() && random.nextInt(5) == 0) {
            String[] again = params.get(random.nextInt(params.size()));
            params.add(new String[] {again[0], random.nextBoolean() ? again[1] : value(random)});
        }
        if (random.nextInt(4) == 0) {
            java.util.Collections.shuffle(params, new java.util.Random(random.nextLong()));
        }
        StringBuilder body = new StringBuilder();
        for (String[] param : params) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(param[0], StandardCharsets.UTF_8));
            if (random.nextInt(40) != 0) { // sometimes a name with no '=' at all
                body.append('=').append(URLEncoder.encode(param[1], StandardCharsets.UTF_8));
            }
        }
        // now and then, raw bytes that are not valid form encoding
        if (random.nextInt(30) == 0) {
            body.append(pick(random, new String[] {"&%", "&a=%zz", "&%E2%82", "&=", "&&&", "&attribute%5B=%FF%FE", "&lat=%C0%AE"}));
        }
        return body.toString();
    }

    private static String value(SplittableRandom random) {
        return switch (random.nextInt(11)) {
            case 0 -> "";
            case 1 -> pick(random, new String[] {" ", "\t", "\n", "\r\n", "\u00a0", "\u200b"});
            case 2, 3 -> unicode(random, random.nextInt(60));
            case 4 -> pick(random, INJECTIONS);
            case 5 -> pick(random, NUMBERS);
            case 6 -> pick(random, VALUES);
            case 7 -> long_(random);
            case 8 -> pick(random, VALUES) + pick(random, INJECTIONS);
            case 9 -> "😀".repeat(1 + random.nextInt(2100));
            default -> unicode(random, random.nextInt(5)) + pick(random, NUMBERS) + unicode(random, random.nextInt(3));
        };
    }

    /** Very long strings: around the 4000-character and 1 MB limits, and between. */
    private static String long_(SplittableRandom random) {
        int length = switch (random.nextInt(5)) {
            case 0 -> 3999 + random.nextInt(3);
            case 1 -> 4000 + random.nextInt(20000);
            case 2 -> 200 + random.nextInt(1000);
            case 3 -> 1_100_000;
            default -> 100_000;
        };
        char filler = pick(random, new String[] {"a", "é", "'", "<", "%", "\u0000", "7"}).charAt(0);
        return String.valueOf(filler).repeat(length);
    }

    /** Random code points: control characters, ASCII, Latin, CJK, right-to-left, combining marks, emoji, private use. */
    private static String unicode(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(9)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x7f + random.nextInt(0x21);
                case 2, 3 -> 0x20 + random.nextInt(0x5f);
                case 4 -> 0xa0 + random.nextInt(0x700);
                case 5 -> 0x4e00 + random.nextInt(0x500);
                case 6 -> 0x1f300 + random.nextInt(0x300);
                case 7 -> pick(random, new int[] {0x202e, 0x200f, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x0301, 0xe000, 0x10ffff, 0x2028});
                default -> 0x590 + random.nextInt(0x200);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String pick(SplittableRandom random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static int pick(SplittableRandom random, int[] options) {
        return options[random.nextInt(options.length)];
    }
}
