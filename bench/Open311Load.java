import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for bench/open311: POST /open311/v2/requests.json at N concurrent clients for a
 * fixed time against a running Civitas on localhost, then the same INSERT through JDBC at the same
 * concurrency (the ceiling), and prints throughput, p50/p99 and post_ratio = civitas / ceiling.
 * <p>
 * Run with the single-file launcher: {@code java -cp postgresql.jar bench/Open311Load.java
 * <base-url> <api-key> <jdbc-url> <clients> <seconds>}. Every loop is bounded by the time limit.
 */
public class Open311Load {

    static final String INSERT = """
            insert into requests.service_request (id, reference, service_id, service_code, service_version, status,
                description, lat, long, address_string, address_id, media_url, answers, channel,
                requested_at, updated_at, expected_at, token, requester_subject, contact_sealed)
            values (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            on conflict (reference) do nothing""";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String apiKey = args[1];
        String jdbcUrl = args[2];
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);

        String form = "api_key=" + enc(apiKey) + "&service_code=pothole&lat=51.4613&long=-0.3037"
                + "&address_string=" + enc("12 River Street, Riverside")
                + "&description=" + enc("A deep pothole by the bus stop. Cars swerve round it.")
                + "&attribute%5Bsize%5D=large&attribute%5Bdepth%5D=8&attribute%5Bsurface%5D=road";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();

        // warm-up: a few seconds, not measured
        run(clients, 5, () -> check(http.send(post, HttpResponse.BodyHandlers.ofString())));
        Result civitas = run(clients, seconds, () -> check(http.send(post, HttpResponse.BodyHandlers.ofString())));
        System.out.printf("post_requests_per_s=%.1f   post_p50_ms=%.1f   post_p99_ms=%.1f   (%d clients, %d s, %d requests, %d errors)%n",
                civitas.perSecond(), civitas.p(50), civitas.p(99), clients, seconds, civitas.count(), civitas.errors());

        // the ceiling: the same INSERT Civitas makes for one request, one connection per client
        UUID serviceId;
        int version;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select service_id, service_version from requests.service_request where service_code = 'pothole' limit 1")) {
                rs.next();
                serviceId = rs.getObject(1, UUID.class);
                version = rs.getInt(2);
            }
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(DriverManager.getConnection(jdbcUrl, "postgres", ""));
        }
        ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
        AtomicLong next = new AtomicLong();
        Work insert = () -> {
            PreparedStatement statement = statements.get();
            if (statement == null) {
                statement = connections.get((int) (next.getAndIncrement() % clients)).prepareStatement(INSERT);
                statements.set(statement);
            }
            Timestamp now = Timestamp.from(Instant.now());
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, reference());
            statement.setObject(3, serviceId);
            statement.setString(4, "pothole");
            statement.setInt(5, version);
            statement.setString(6, "A deep pothole by the bus stop. Cars swerve round it.");
            statement.setBigDecimal(7, new java.math.BigDecimal("51.461300"));
            statement.setBigDecimal(8, new java.math.BigDecimal("-0.303700"));
            statement.setString(9, "12 River Street, Riverside");
            statement.setString(10, null);
            statement.setString(11, null);
            statement.setString(12, "{\"size\": [\"large\"], \"depth\": [\"8\"], \"surface\": [\"road\"]}");
            statement.setString(13, "open311");
            statement.setTimestamp(14, now);
            statement.setTimestamp(15, now);
            statement.setTimestamp(16, now);
            statement.setString(17, null);
            statement.setObject(18, null);
            statement.setBytes(19, null);
            statement.executeUpdate();
        };
        run(clients, 5, insert);
        Result ceiling = run(clients, seconds, insert);
        for (Connection c : connections) {
            c.close();
        }
        System.out.printf("jdbc_inserts_per_s=%.1f   jdbc_p50_ms=%.2f   jdbc_p99_ms=%.2f   (%d connections, %d s, %d inserts, %d errors)%n",
                ceiling.perSecond(), ceiling.p(50), ceiling.p(99), clients, seconds, ceiling.count(), ceiling.errors());
        if (civitas.errors() > 0 || ceiling.errors() > 0) {
            System.out.println("errors: the figures above are not valid");
            System.exit(1);
        }
        System.out.printf("post_ratio=%.2f   (civitas POST throughput / JDBC INSERT throughput)%n",
                civitas.perSecond() / ceiling.perSecond());
    }

    interface Work {
        void once() throws Exception;
    }

    record Result(long[] nanos, long errors, double elapsedSeconds) {
        long count() {
            return nanos.length;
        }

        double perSecond() {
            return nanos.length / elapsedSeconds;
        }

        double p(int percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1_000_000.0;
        }
    }

    static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    /** Runs {@code work} in a loop on {@code clients} threads until {@code seconds} have passed. */
    static Result run(int clients, int seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                long[] times = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline && errors.get() < 1000) {
                    long began = System.nanoTime();
                    try {
                        work.once();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + e.getMessage());
                        }
                        continue;
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = System.nanoTime() - began;
                }
                return Arrays.copyOf(times, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged, errors.get(), elapsed);
    }

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A reference as Civitas makes them (prefix, two groups of four from the unambiguous alphabet). */
    static String reference() {
        StringBuilder reference = new StringBuilder("BEN-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
