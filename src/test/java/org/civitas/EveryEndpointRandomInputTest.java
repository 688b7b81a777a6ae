package org.civitas;

import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random and hostile input thrown at every endpoint the application registers (every page
 * form, /api/v1, Open311, transparency), found from Spring's handler mappings as the authorization
 * walk finds them, so a new endpoint is covered without touching this test. Each is called as an
 * anonymous visitor, a signed-in citizen, a signed-in administrator and with the demo API key
 * (signed-in callers and the key only where they are let in), with random query parameters named as
 * the handler reads them, random form bodies and random JSON bodies made from the handler's
 * {@code @RequestBody} record: huge exponents, a million characters, control characters, invalid
 * UTF-8 percent escapes, negative numbers, NaN and Infinity, JSON nested ten thousand deep, values of
 * the wrong JSON type, random path variables.
 * <p>
 * Whatever comes in: never a 5xx, never a stack trace in the body, no row written by a refused
 * request (the module tables' row counts are unchanged after a 4xx), and every answer within a
 * second, as issue 12 asks (a request over the second is sent again when it wrote nothing, and fails
 * when it is slow both times, so one pause of a busy machine is not a finding). The seed is printed
 * in every message; {@code -Dcivitas.random.seed=N} replays or explores another.
 */
@CivitasTest
class EveryEndpointRandomInputTest {

    private static final long SEED = Long.getLong("civitas.random.seed", 0x1221C0DEL);
    private static final int ROUNDS = Integer.getInteger("civitas.random.rounds", 3);
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final int MILLION = 1_000_000;

    /** Tables of the modules whose rows a refused request must not change (throttles, sessions, audit and outbox may). */
    private static final List<String> WATCHED = List.of("catalogue.service", "catalogue.service_version", "catalogue.team",
            "catalogue.bank_holiday", "identity.account", "identity.account_role", "identity.api_key", "identity.oidc_link",
            "identity.recovery_code", "identity.team_membership", "identity.totp_credential", "requests.case_event",
            "requests.page_feedback", "requests.photo", "requests.satisfaction", "requests.satisfaction_key",
            "requests.service_request", "trust.data_key");

    /** Endpoints that would end the walk's own sessions or delete its accounts: anonymous callers only. */
    private static final Set<String> ANONYMOUS_ONLY = Set.of("POST /account/delete");

    private static final String[] HOSTILE = {"1e-40000000", "1e-2000000000", "1e2000000000", "-1e400", "1E+999999999", "NaN", "-NaN",
            "Infinity", "-Infinity", "0x7fffffff", "-1", "-0", "0", "-2147483649", "2147483648", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999999999999999999", "1.5", "1,5", "١٢", "５", "+1", "--1", " 1 ", "1e3",
            "0.0000000000000000000000001", "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00",
            "2026-02-30T00:00:00Z", "2026-03-10T14:30:00", "2026-03-10", "9999-12-31", "0000-00-00", "2026-03-10T14:30:00Z",
            "\u0000", "\u0000\u0001\u0002\u001b[2J", "\r\n", "\u202e", "\ufeff", "\ud800", "😀", "' or '1'='1", "<script>alert(1)</script>",
            "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd", "%", "null", "true", "[]", "{}", "me", "small", "pothole", "json",
            "xml", "00000000-0000-0000-0000-000000000000", "not-a-uuid", ""};
    /** Percent escapes that do not decode to UTF-8, sent as they are (java.net.URI refuses malformed ones in a URL). */
    private static final String[] BAD_UTF8 = {"%C0%AE", "%FF%FE", "%E2%82", "%00", "%ED%A0%80", "%F4%90%80%80", "%C3%28"};
    /** The same and malformed escapes, for bodies. */
    private static final String[] BAD_ESCAPES = {"%C0%AE", "%FF%FE", "%E2%82", "%zz", "%", "%00", "%ED%A0%80", "%F4%90%80%80"};
    private static final String[] PARAMETER_NAMES = {"page", "page_size", "size", "start_date", "end_date", "status", "service_code",
            "service_request_id", "lat", "long", "lon", "seq", "treeSize", "from", "to", "older_than_days", "q", "code", "name",
            "email", "password", "rating", "comment", "description", "answer", "answer-day", "answer-month", "answer-year",
            "sla-amount", "slaUnit", "count", "action", "return", "key", "reference", "assigned", "sla", "age", "sort", "api_key",
            "jurisdiction_id", "attribute[depth]", "attribute[started]", "_csrf", "allSignatures", "id", "team", "teams", "role"};

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    record Endpoint(String method, String pattern, List<String> parameters, List<String> jsonFields, boolean json) {
        String key() {
            return method + " " + pattern;
        }
    }

    record Caller(String name, WebSession session, String apiKey) {
    }

    @Test
    void everyEndpointAnswersRandomInputWithinASecondWithoutA5xxAStackTraceOrAPartialWrite() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the handler mappings").hasSizeGreaterThan(40);
        SplittableRandom random = new SplittableRandom(SEED);
        List<Caller> callers = callers();
        Map<String, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        String slowestCall = "";
        int requests = 0;
        int reached = 0;
        for (Caller caller : callers) {
            for (Endpoint endpoint : endpoints) {
                if (!caller.name().equals("anonymous") && ANONYMOUS_ONLY.contains(endpoint.key())) {
                    continue;
                }
                if (!caller.name().equals("anonymous") && !letIn(caller, endpoint)) {
                    continue; // the anonymous round already throws everything at the door
                }
                reached++;
                for (int round = 0; round < ROUNDS; round++) {
                    HttpRequest request = request(random, caller, endpoint);
                    String context = "seed " + SEED + ", " + caller.name() + " " + endpoint.key() + " -> " + describe(request);
                    long[] before = counts();
                    long start = System.nanoTime();
                    HttpResponse<String> response = caller.session().send(request);
                    long took = System.nanoTime() - start;
                    requests++;
                    int status = response.statusCode();
                    statuses.merge(caller.name() + " " + status, 1, Integer::sum);
                    String body = response.body() == null ? "" : response.body();
                    assertThat(status).as(context + " answered " + abbreviate(body)).isLessThan(500);
                    assertThat(body).as(context + ": no stack trace").doesNotContain("\tat ").doesNotContain("at org.civitas.")
                            .doesNotContain("at java.base/").doesNotContain("Exception:").doesNotContain("Caused by");
                    boolean refused = status >= 400;
                    if (refused) {
                        assertThat(counts()).as(context + " was refused (" + status + ") but wrote rows in " + WATCHED).containsExactly(before);
                    }
                    if (took > SECOND_NANOS && (refused || endpoint.method().equals("GET"))) {
                        long again = System.nanoTime();
                        caller.session().send(request);
                        took = Math.min(took, System.nanoTime() - again);
                    }
                    assertThat(took).as(context + " took " + took / 1_000_000 + " ms").isLessThanOrEqualTo(SECOND_NANOS);
                    if (took > slowest) {
                        slowest = took;
                        slowestCall = context.length() > 300 ? context.substring(0, 300) : context;
                    }
                }
            }
        }
        System.out.printf("EveryEndpointRandomInputTest seed %d: %d endpoints, %d (caller, endpoint) pairs, %d requests, statuses %s;"
                + " slowest %d ms: %s%n", SEED, endpoints.size(), reached, requests, statuses, slowest / 1_000_000, slowestCall);
        // worth something only if the callers got past the door as well as being turned away at it
        assertThat(statuses.keySet().stream().filter(s -> !s.startsWith("anonymous") && s.endsWith(" 200")).count())
                .as("seed %d, statuses %s", SEED, statuses).isGreaterThanOrEqualTo(3);
        assertThat(statuses.keySet().stream().anyMatch(s -> s.endsWith(" 400") || s.endsWith(" 422")))
                .as("seed %d, statuses %s", SEED, statuses).isTrue();
    }

    private List<Caller> callers() {
        WebSession anonymous = new WebSession(port);
        anonymous.get("/sign-in");
        WebSession citizen = new WebSession(port);
        assertThat(citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD).statusCode()).isEqualTo(302);
        citizen.get("/account");
        WebSession admin = new WebSession(port);
        assertThat(admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD).statusCode()).isEqualTo(302);
        admin.get("/account");
        WebSession keyed = new WebSession(port);
        return List.of(new Caller("anonymous", anonymous, null), new Caller("citizen", citizen, null),
                new Caller("administrator", admin, null), new Caller("api-key", keyed, CivitasTest.DEMO_API_KEY));
    }

    /** Whether a plain call gets past security for this caller (not 401, 403 or the sign-in page). */
    private boolean letIn(Caller caller, Endpoint endpoint) {
        HttpRequest.Builder builder = caller.session().request(path(endpoint.pattern(), null));
        headers(builder, caller);
        switch (endpoint.method()) {
            case "GET" -> builder.GET();
            case "DELETE" -> builder.DELETE();
            default -> builder.header("Content-Type", endpoint.json() ? "application/json" : "application/x-www-form-urlencoded")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(endpoint.json() ? "{}" : ""));
        }
        long[] before = counts();
        HttpResponse<String> response = caller.session().send(builder.build());
        int status = response.statusCode();
        assertThat(status).as("seed %d, %s plain %s", SEED, caller.name(), endpoint.key()).isLessThan(500);
        if (status >= 400) {
            assertThat(counts()).as("%s plain %s refused (%d) but wrote rows", caller.name(), endpoint.key(), status).containsExactly(before);
        }
        boolean toSignIn = status == 302 && WebSession.location(response).startsWith("/sign-in");
        return !(status == 401 || status == 403 || toSignIn);
    }

    private HttpRequest request(SplittableRandom random, Caller caller, Endpoint endpoint) {
        StringBuilder query = new StringBuilder();
        int parameters = random.nextInt(5);
        for (int i = 0; i < parameters; i++) {
            String name = !endpoint.parameters().isEmpty() && random.nextInt(3) > 0 ? pick(random, endpoint.parameters())
                    : pick(random, PARAMETER_NAMES);
            append(query, name, value(random, true), random);
        }
        if (random.nextInt(25) == 0) {
            query.append(query.isEmpty() ? "" : "&").append(pick(random, BAD_UTF8)).append('=').append(pick(random, BAD_UTF8));
        }
        String url = path(endpoint.pattern(), random) + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder builder = caller.session().request(url);
        headers(builder, caller);
        if (random.nextInt(20) == 0) {
            builder.header("Idempotency-Key", value(random, true).replaceAll("[^\\x21-\\x7e]", "x") + "k");
        }
        switch (endpoint.method()) {
            case "GET" -> builder.GET();
            case "DELETE" -> builder.DELETE();
            default -> {
                boolean json = endpoint.json() ? random.nextInt(6) > 0 : random.nextInt(6) == 0;
                String body = json ? json(random, endpoint) : form(random, endpoint, caller);
                builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
                        .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
            }
        }
        return builder.build();
    }

    private static void headers(HttpRequest.Builder builder, Caller caller) {
        if (caller.apiKey() != null) {
            builder.header("X-Api-Key", caller.apiKey());
        }
        if (caller.session().csrfToken() != null) {
            builder.header("X-CSRF-TOKEN", caller.session().csrfToken());
        }
    }

    /** A form body: the handler's parameters and others, random values, the session's CSRF token mostly. */
    private static String form(SplittableRandom random, Endpoint endpoint, Caller caller) {
        StringBuilder body = new StringBuilder();
        if (caller.session().csrfToken() != null && random.nextInt(8) > 0) {
            append(body, "_csrf", caller.session().csrfToken(), random);
        }
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            String name = !endpoint.parameters().isEmpty() && random.nextInt(4) > 0 ? pick(random, endpoint.parameters())
                    : pick(random, PARAMETER_NAMES);
            append(body, name, value(random, false), random);
        }
        if (random.nextInt(15) == 0) {
            body.append(body.isEmpty() ? "" : "&").append(pick(random, PARAMETER_NAMES)).append('=').append(pick(random, BAD_ESCAPES));
        }
        return body.toString();
    }

    /** A JSON body: the record's fields with values of every type, sometimes nested very deep or not JSON at all. */
    private static String json(SplittableRandom random, Endpoint endpoint) {
        return switch (random.nextInt(12)) {
            case 0 -> "[".repeat(10_000) + "]".repeat(10_000);
            case 1 -> "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
            case 2 -> "{\"name\": \"x\", ";
            case 3 -> pick(random, new String[] {"null", "[]", "1e999999999", "\"text\"", "", "{\"\u0000\": 1}", "{\"a\":1,\"a\":2}"});
            default -> {
                List<String> names = new ArrayList<>(endpoint.jsonFields());
                names.add(pick(random, PARAMETER_NAMES));
                StringBuilder json = new StringBuilder("{");
                for (String name : names) {
                    if (random.nextInt(4) == 0) {
                        continue;
                    }
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    json.append(quote(name)).append(':').append(jsonValue(random, 0));
                }
                yield json.append('}').toString();
            }
        };
    }

    private static String jsonValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> pick(random, new String[] {"1e-40000000", "1e999999999", "-1", "0", "2147483648", "9223372036854775808", "1.5",
                    "-0.0", "123456789012345678901234567890"});
            case 3, 4, 5 -> quote(value(random, false));
            case 6 -> "[" + jsonValue(random, depth + 1) + "," + jsonValue(random, depth + 1) + "]";
            default -> "{\"" + pick(random, PARAMETER_NAMES) + "\":" + jsonValue(random, depth + 1) + "}";
        };
    }

    /** A random value: hostile text, random Unicode, now and then a million characters (in bodies; a URL is cut shorter). */
    private static String value(SplittableRandom random, boolean inUrl) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> pick(random, HOSTILE);
            case 4 -> unicode(random, random.nextInt(40));
            case 5 -> pick(random, HOSTILE) + unicode(random, random.nextInt(4));
            case 6 -> String.valueOf(random.nextLong());
            case 7 -> "9".repeat(inUrl ? 5_000 : 1 + random.nextInt(50_000));
            case 8 -> inUrl || random.nextInt(3) > 0 ? "é".repeat(200 + random.nextInt(4_000)) : "a".repeat(MILLION);
            default -> "1e" + (random.nextBoolean() ? "-" : "") + random.nextInt(Integer.MAX_VALUE);
        };
    }

    private static String path(String pattern, SplittableRandom random) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value;
            if (random == null) {
                value = switch (name) {
                    case "format" -> "json";
                    case "service" -> "pothole";
                    default -> "00000000-0000-4000-8000-000000000000";
                };
            } else if (name.equals("format") && random.nextInt(3) > 0) {
                value = random.nextBoolean() ? "json" : "xml";
            } else if (name.equals("service") && random.nextBoolean()) {
                value = pick(random, new String[] {"pothole", "bulky-waste", "fly-tipping", "street-light"});
            } else {
                String given = pick(random, HOSTILE);
                value = given.isEmpty() ? "x" : URLEncoder.encode(given, StandardCharsets.UTF_8).replace("+", "%20");
                if (random.nextInt(12) == 0) {
                    value = pick(random, BAD_UTF8);
                }
            }
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variable.appendTail(path);
        return path.toString().replace("/**", "/x").replace("/*", "/x");
    }

    private static void append(StringBuilder to, String name, String value, SplittableRandom random) {
        if (!to.isEmpty()) {
            to.append('&');
        }
        to.append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        if (random.nextInt(30) != 0) {
            to.append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private long[] counts() {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < WATCHED.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(select count(*) from ").append(WATCHED.get(i)).append(")");
        }
        return jdbc.sql(sql.toString()).query((rs, row) -> {
            long[] counts = new long[WATCHED.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(i + 1);
            }
            return counts;
        }).single();
    }

    private List<Endpoint> endpoints() {
        Map<String, Endpoint> found = new TreeMap<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                HandlerMethod handler = entry.getValue();
                Set<String> parameters = new LinkedHashSet<>();
                List<String> jsonFields = new ArrayList<>();
                boolean json = !info.getConsumesCondition().isEmpty() && info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .anyMatch(type -> type.getSubtype().contains("json"));
                for (MethodParameter parameter : handler.getMethodParameters()) {
                    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                    if (param != null) {
                        String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                                : parameter.getParameterName();
                        if (name != null && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                            parameters.add(name);
                        }
                    }
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        json = true;
                        Class<?> type = parameter.getParameterType();
                        if (type.isRecord()) {
                            for (RecordComponent component : type.getRecordComponents()) {
                                jsonFields.add(component.getName());
                            }
                        }
                    }
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        if (method.equals("HEAD") || method.equals("OPTIONS")) {
                            continue;
                        }
                        Endpoint endpoint = new Endpoint(method, pattern, List.copyOf(parameters), List.copyOf(jsonFields), json);
                        found.put(endpoint.key(), endpoint);
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + abbreviate(request.uri().toString()) + " " + request.headers().firstValue("Content-Type").orElse("")
                + (request.bodyPublisher().map(body -> " (" + body.contentLength() + " bytes)").orElse(""));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String unicode(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);
                case 1, 2 -> 0x20 + random.nextInt(0x5f);
                case 3 -> 0xa0 + random.nextInt(0x700);
                case 4 -> 0x1f300 + random.nextInt(0x300);
                default -> pick(random, new String[] {"\u202e", "\ufeff", "\ufffd", "\u0301", "\u2028"}).codePointAt(0);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " characters)";
    }

    private static String pick(SplittableRandom random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String pick(SplittableRandom random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
