import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for bench/open311, against a Civitas just started on a fresh embedded database:
 * <ol>
 * <li>loads {@code rows} service requests straight into the database, as Civitas writes them (live
 * services and their versions, references with the body's prefix, statuses and history spread over
 * the last 180 days, two in three with contact details sealed in the vault under a data key of their
 * own, wrapped by the node's master key exactly as the trust module does);</li>
 * <li>POST /open311/v2/requests.json (form-encoded, api_key, contact details) at {@code clients}
 * concurrent clients for {@code seconds}, after a 30 s warm-up, and counts from PostgreSQL's own
 * statistics what each POST cost the database (commits, rows read, rows written per table);</li>
 * <li>the ceiling: the same INSERT statements in the same one transaction per request, in the same round trips
 * as Civitas (the request with its sealed contact; then the data key, the audit entry queued and the COMMIT
 * in one statement, decision 0011), through JDBC on {@code clients} connections to the same
 * database (so the same durability settings), with no HTTP and no Civitas;</li>
 * <li>GET /open311/v2/requests.json (the default: the last 90 days, page_size 1000) and GET
 * /open311/v2/requests/{id}.json for random loaded requests, at {@code readClients} clients.</li>
 * </ol>
 * Every loop is bounded by its time limit (and stops after 1000 errors). Compile it with Load.java, then: {@code java -cp <classes of Open311Load.java and Load.java>:postgresql.jar Open311Load <base-url> <api-key> <jdbc-url>
 * <master-key-file> <rows> <clients> <seconds> <read-clients> <read-seconds> <civitas-pid> <postmaster-pid>}.
 */
public class Open311Load {
    // the timed loop, its latencies and the HTTP client are Load's, shared with TrustLoad


    /** A UUIDv7 (48 bits of milliseconds, then random bits), as the vault makes subject ids. */
    static UUID timeOrderedId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    static final String INSERT_REQUEST = """
            insert into requests.service_request (id, reference, service_id, service_code, service_version, status,
                description, lat, long, address_string, address_id, media_url, answers, channel,
                requested_at, updated_at, expected_at, token, requester_subject, contact_sealed, requester_account)
            values (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (reference) do nothing""";
    static final String INSERT_DATA_KEY = "insert into trust.data_key (subject_id, wrapped_key, created_at) values (?, ?, ?)";
    static final String INSERT_AUDIT_ENTRY = "insert into trust.audit_queue (entry) values (?)";
    /** As Civitas sends them since decision 0011: the held trust rows and the COMMIT in one statement, one round trip. */
    static final String TRUST_ROWS_AND_COMMIT = INSERT_DATA_KEY + ";\n" + INSERT_AUDIT_ENTRY + ";\ncommit";

    static final String DESCRIPTION = "A deep pothole by the bus stop. Cars swerve round it.";
    static final String ANSWERS = "{\"size\": [\"large\"], \"depth\": [\"8\"], \"surface\": [\"road\"]}";

    record LiveService(UUID id, String code, int version, String type, int slaDays) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String apiKey = args[1];
        String jdbcUrl = args[2];
        SecretKey master = new SecretKeySpec(Base64.getDecoder().decode(Files.readString(Path.of(args[3])).trim()), "AES");
        int rows = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int readClients = Integer.parseInt(args[7]);
        int readSeconds = Integer.parseInt(args[8]);
        cpu = new Cpu(ProcessHandle.of(Long.parseLong(args[9])).orElseThrow(), ProcessHandle.of(Long.parseLong(args[10])).orElseThrow());

        Load.Http http = new Load.Http(base);
        String form = "api_key=" + enc(apiKey) + "&service_code=pothole&lat=51.4613&long=-0.3037"
                + "&address_string=" + enc("12 River Street, Riverside")
                + "&description=" + enc(DESCRIPTION)
                + "&attribute%5Bsize%5D=large&attribute%5Bdepth%5D=8&attribute%5Bsurface%5D=road"
                + "&first_name=Ada&last_name=Lovelace&email=" + enc("ada.lovelace@example.org");
        byte[] post = http.post("/open311/v2/requests.json", form);

        // one POST first: it checks the key and the service, and tells the body's reference prefix
        String first = http.send(post).ok();
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\"service_request_id\":\"([A-Z]+)-").matcher(first);
        if (!reference.find()) {
            throw new IllegalStateException("unexpected answer to the first POST: " + first);
        }
        String prefix = reference.group(1);

        List<LiveService> services;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), version()")) {
                rs.next();
                System.out.printf("database: fsync=%s   synchronous_commit=%s   full_page_writes=%s   (%s)%n", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4).replaceAll(" on .*", ""));
            }
            services = liveServices(c);
            long began = System.nanoTime();
            load(c, master, prefix, services, rows);
            try (Statement s = c.createStatement()) {
                s.execute("analyze requests.service_request");
                s.execute("analyze trust.data_key");
                s.execute("analyze requests.case_event");
            }
            System.out.printf("loaded_requests=%d   load_s=%.1f   (straight into the database, as Civitas writes them)%n",
                    rows, (System.nanoTime() - began) / 1e9);
        }

        // ---- POST ----
        // warm-up, not measured: 30 s, as the JIT's compiler threads were still busy in the measured window after 15 s
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "30"));
        Load.run(clients, warmUp, () -> http.send(post).ok());
        Map<String, Long> before = databaseCounters(jdbcUrl);
        long[] cpuBefore = cpu.now();
        Map<String, Long> threadsBefore = Load.threadTicks(cpu.civitas());
        Load.Result civitas = Load.run(clients, seconds, () -> http.send(post).ok());
        long[] cpuAfter = cpu.now();
        Map<String, Long> threadsAfter = Load.threadTicks(cpu.civitas());
        Map<String, Long> after = databaseCounters(jdbcUrl);
        System.out.printf("post_requests_per_s=%.1f   post_p50_ms=%.1f   post_p99_ms=%.1f   (%d clients, %d s, %d requests, %d errors)%n",
                civitas.perSecond(), civitas.p(50), civitas.p(99), clients, seconds, civitas.count(), civitas.errors());
        StringBuilder perPost = new StringBuilder("database_work_per_post:");
        long posts = Math.max(1, civitas.count());
        after.forEach((name, value) -> {
            double per = (value - before.getOrDefault(name, 0L)) / (double) posts;
            if (per >= 0.005) {
                perPost.append(String.format("  %s=%.2f", name, per));
            }
        });
        System.out.println(perPost + "   (from pg_stat_database / pg_stat_user_tables, includes the 1 s stats lag)");
        System.out.println(cpu.per("post", cpuBefore, cpuAfter, civitas.count()));
        System.out.println(Load.threadShares("post_civitas_cpu_by_thread:", threadsBefore, threadsAfter)
                + "   (what Civitas's CPU went to: serving requests, the JIT compiling, GC, its scheduled jobs)");
        double postCpu = Cpu.total(cpuBefore, cpuAfter) / Math.max(1.0, civitas.count());

        // ---- the ceiling: the same INSERTs, one transaction per request, no HTTP ----
        LiveService pothole = services.stream().filter(s -> s.code().equals("pothole")).findFirst().orElseThrow();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
            connection.setAutoCommit(false);
            connections.add(connection);
        }
        String apiClient = UUID.randomUUID().toString();
        byte[] wrappedKey = new byte[1 + 12 + 32 + 16];
        byte[] sealedContact = new byte[1 + 12 + 90 + 16];
        new SecureRandom().nextBytes(wrappedKey);
        new SecureRandom().nextBytes(sealedContact);
        record Session(Connection connection, PreparedStatement request, PreparedStatement trustRowsAndCommit) {
        }
        ThreadLocal<Session> sessions = new ThreadLocal<>();
        AtomicLong next = new AtomicLong();
        Load.Work insert = () -> {
            Session session = sessions.get();
            if (session == null) {
                Connection connection = connections.get((int) (next.getAndIncrement() % clients));
                session = new Session(connection, connection.prepareStatement(INSERT_REQUEST), connection.prepareStatement(TRUST_ROWS_AND_COMMIT));
                sessions.set(session);
            }
            Timestamp now = Timestamp.from(Instant.now());
            UUID subject = timeOrderedId(); // as the vault's subject ids
            PreparedStatement statement = session.request();
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, reference(prefix));
            statement.setObject(3, pothole.id());
            statement.setString(4, pothole.code());
            statement.setInt(5, pothole.version());
            statement.setString(6, DESCRIPTION);
            statement.setBigDecimal(7, new java.math.BigDecimal("51.461300"));
            statement.setBigDecimal(8, new java.math.BigDecimal("-0.303700"));
            statement.setString(9, "12 River Street, Riverside");
            statement.setString(10, null);
            statement.setString(11, null);
            statement.setString(12, ANSWERS);
            statement.setString(13, "open311");
            statement.setTimestamp(14, now);
            statement.setTimestamp(15, now);
            statement.setTimestamp(16, now);
            statement.setString(17, null);
            statement.setObject(18, subject);
            statement.setBytes(19, sealedContact);
            statement.setObject(20, null);
            statement.executeUpdate();
            // then, as Civitas does, the data key and the audit entry held for the commit, sent with it in one round trip;
            // the running Civitas's sequencer then moves the entry into the log, as it does its own, so its work is in
            // the ceiling phase too
            PreparedStatement held = session.trustRowsAndCommit();
            held.setObject(1, subject);
            held.setBytes(2, wrappedKey);
            held.setTimestamp(3, now);
            held.setBytes(4, auditEntry(apiClient, subject, now.toInstant()));
            held.execute();
            session.connection().commit(); // sends nothing: the server said the transaction ended
        };
        Load.run(clients, 5, insert);
        cpuBefore = cpu.now();
        Load.Result ceiling = Load.run(clients, seconds, insert);
        cpuAfter = cpu.now();
        System.out.printf("jdbc_requests_per_s=%.1f   jdbc_p50_ms=%.2f   jdbc_p99_ms=%.2f   (%d connections, %d s, %d transactions of 3 INSERTs, %d errors)%n",
                ceiling.perSecond(), ceiling.p(50), ceiling.p(99), clients, seconds, ceiling.count(), ceiling.errors());
        System.out.println(cpu.per("jdbc", cpuBefore, cpuAfter, ceiling.count()));
        double jdbcCpu = Cpu.total(cpuBefore, cpuAfter) / Math.max(1.0, ceiling.count());

        // ---- the ceiling's transaction behind the least HTTP server there can be ----
        // What any HTTP front would reach on this machine: if this is far under the ceiling, so is every web stack.
        Bound bare;
        try (BareServer server = new BareServer(insert)) {
            bare = behind(server.port(), form, clients, 5, seconds);
        }
        System.out.printf("bare_http_requests_per_s=%.1f   bare_http_p50_ms=%.2f   bare_http_p99_ms=%.2f   (the ceiling's transaction behind a bare HTTP/1.1 server in the load generator: a thread per connection, the form decoded, no framework; %d errors)%n",
                bare.result().perSecond(), bare.result().p(50), bare.result().p(99), bare.result().errors());
        System.out.println(cpu.per("bare_http", bare.cpuBefore(), bare.cpuAfter(), bare.result().count()) + "   (load_generator includes the bare server)");

        // ---- the ceiling's transaction behind Tomcat and Spring MVC, and nothing of Civitas ----
        // What the web stack Civitas is built on reaches here: the most any Spring MVC application could.
        Bound mvc;
        try (SpringMvcBound server = new SpringMvcBound(insert, clients)) {
            mvc = behind(server.port(), form, clients, warmUp, seconds);
        }
        System.out.printf("spring_mvc_requests_per_s=%.1f   spring_mvc_p50_ms=%.2f   spring_mvc_p99_ms=%.2f   (the ceiling's transaction behind embedded Tomcat and Spring MVC from Civitas's jar, in the load generator: a @RestController, no filters, security or Civitas work; warmed up as long as Civitas; %d errors)%n",
                mvc.result().perSecond(), mvc.result().p(50), mvc.result().p(99), mvc.result().errors());
        System.out.println(cpu.per("spring_mvc", mvc.cpuBefore(), mvc.cpuAfter(), mvc.result().count()) + "   (load_generator includes the Spring MVC server)");
        for (Connection c : connections) {
            c.close();
        }

        // ---- reads ----
        // the ceiling and the bare server queued an audit entry per transaction, which Civitas's sequencer is
        // still moving into the log: the reads are measured once it has caught up, not beside that backlog
        long drained = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            for (int i = 0; i < 1200; i++) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from trust.audit_queue")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        System.out.printf("audit_queue_drained_s=%.1f   (the sequencer catching up on the ceiling's and bare server's entries, before the reads)%n",
                (System.nanoTime() - drained) / 1e9);
        byte[] list = http.get("/open311/v2/requests.json");
        String page = http.send(list).ok();
        int entries = page.split("\"service_request_id\"", -1).length - 1;
        if (entries != 1000) {
            throw new IllegalStateException("GET requests.json returned " + entries + " requests, not 1000");
        }
        List<String> references = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     // only requests of public services: a private one is 404 without a key (issue 12); to_jsonb so that
                     // the query also runs on a database from before services had a privacy
                     """
                     select r.reference from requests.service_request r tablesample system (5)
                     where not exists (select 1 from catalogue.service s
                                       where s.id = r.service_id and to_jsonb(s) ->> 'privacy' = 'private')
                     limit 2000""")) {
            while (rs.next()) {
                references.add(rs.getString(1));
            }
        }
        Load.run(readClients, 3, () -> http.send(list).ok()); // warm-up
        cpuBefore = cpu.now();
        Load.Result lists = Load.run(readClients, readSeconds, () -> http.send(list).ok());
        cpuAfter = cpu.now();
        System.out.printf("get_requests_p50_ms=%.1f   get_requests_p99_ms=%.1f   (%d clients, %d s, %d lists of %d requests of %d, %d errors)%n",
                lists.p(50), lists.p(99), readClients, readSeconds, lists.count(), entries, rows, lists.errors());
        System.out.println(cpu.per("get_requests", cpuBefore, cpuAfter, lists.count()));
        Load.Work one = () -> {
            String id = references.get(ThreadLocalRandom.current().nextInt(references.size()));
            http.send(http.get("/open311/v2/requests/" + id + ".json")).check();
        };
        Load.run(readClients, 3, one); // warm-up
        cpuBefore = cpu.now();
        Load.Result ones = Load.run(readClients, readSeconds, one);
        cpuAfter = cpu.now();
        System.out.printf("get_request_p50_ms=%.1f   get_request_p99_ms=%.1f   (%d clients, %d s, %d requests, %d errors)%n",
                ones.p(50), ones.p(99), readClients, readSeconds, ones.count(), ones.errors());
        System.out.println(cpu.per("get_request", cpuBefore, cpuAfter, ones.count()));

        if (civitas.errors() > 0 || ceiling.errors() > 0 || bare.result().errors() > 0 || mvc.result().errors() > 0 || lists.errors() > 0 || ones.errors() > 0) {
            System.out.println("errors: the figures above are not valid");
            System.exit(1);
        }
        System.out.printf("measured_windows_epoch_ms: post=%s   jdbc=%s   get_requests=%s   get_request=%s%n",
                civitas.window(), ceiling.window(), lists.window(), ones.window());
        System.out.printf("post_ratio=%.2f   (civitas POST throughput / the same INSERTs through JDBC)%n",
                civitas.perSecond() / ceiling.perSecond());
        System.out.printf("bare_http_ratio=%.2f   (the bare HTTP server / the ceiling: the most an HTTP front can reach here)%n",
                bare.result().perSecond() / ceiling.perSecond());
        System.out.printf("spring_mvc_ratio=%.2f   (Tomcat and Spring MVC alone / the ceiling: the most a Spring MVC application can reach here)%n",
                mvc.result().perSecond() / ceiling.perSecond());
        System.out.printf("post_cpu_ratio=%.2f   (CPU per request of the JDBC ceiling / of a POST, all three processes: the ratio had both phases had the same share of the machine)%n",
                jdbcCpu / postCpu);
        System.out.printf("bare_http_cpu_ratio=%.2f   spring_mvc_cpu_ratio=%.2f   (the same for the two bounds: phases run one after the other on a machine whose speed changes, so these compare better than throughputs)%n",
                jdbcCpu / bare.cpuPerRequest(), jdbcCpu / mvc.cpuPerRequest());
    }

    static List<LiveService> liveServices(Connection c) throws Exception {
        List<LiveService> services = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("""
                select id, code, current_version, type, case sla_unit when 'working_hours' then greatest(1, sla_amount / 8) else sla_amount end
                from catalogue.service where status = 'live' order by code""")) {
            while (rs.next()) {
                services.add(new LiveService(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return services;
    }

    /**
     * {@code rows} requests spread over the last 180 days (so about half fall in Open311's default
     * 90-day window), newer ones mostly open and older ones mostly closed, each status change with
     * its history row; two in three with sealed contact details.
     */
    static void load(Connection c, SecretKey master, String prefix, List<LiveService> services, int rows) throws Exception {
        c.setAutoCommit(false);
        String[] streets = {"River Street", "Mill Lane", "Church Road", "High Street", "Station Road", "Park Avenue", "Bridge Street"};
        String[] descriptions = {DESCRIPTION, "Street light out since Tuesday.", "Fly-tipped mattress and bags on the verge.",
                "Overflowing bin by the play area.", "Graffiti on the underpass wall.", "Broken paving slab, trip hazard."};
        String[] channels = {"open311", "open311", "web", "web", "web", "api", "staff"};
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.now();
        SecretKey dataKeyTemplate = null;
        try (PreparedStatement dataKeys = c.prepareStatement(INSERT_DATA_KEY);
             PreparedStatement requests = c.prepareStatement("""
                     insert into requests.service_request (id, reference, service_id, service_code, service_version, status,
                         description, lat, long, address_string, address_id, media_url, answers, channel,
                         requested_at, updated_at, expected_at, token, requester_subject, contact_sealed, status_note)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (reference) do nothing""");
             PreparedStatement history = c.prepareStatement("""
                     insert into requests.case_event (request_id, from_status, to_status, actor_kind, actor_id, public_note, internal_note, at)
                     values (?, ?, ?, 'system', null, ?, null, ?)""")) {
            for (int i = 0; i < rows; i++) {
                LiveService service = services.get(random.nextInt(services.size()));
                Instant requestedAt = now.minusSeconds(random.nextLong(180L * 24 * 3600));
                long ageDays = Duration.between(requestedAt, now).toDays();
                double closedChance = Math.min(0.95, ageDays / 30.0);
                String status = random.nextDouble() < closedChance ? (random.nextInt(5) == 0 ? "closed" : "resolved")
                        : new String[] {"submitted", "acknowledged", "in_progress"}[random.nextInt(3)];
                Instant expected = requestedAt.plus(Duration.ofDays(Math.max(1, service.slaDays()) * 7L / 5));
                Instant updated = status.equals("submitted") ? requestedAt
                        : requestedAt.plusSeconds(random.nextLong(Math.max(60, Duration.between(requestedAt, now).getSeconds())));
                UUID id = UUID.randomUUID();
                UUID subject = null;
                byte[] contact = null;
                if (random.nextInt(3) != 0) {
                    subject = UUID.randomUUID();
                    SecretKey dataKey = newDataKey();
                    dataKeys.setObject(1, subject);
                    dataKeys.setBytes(2, seal(master, dataKey.getEncoded(), bytes(subject)));
                    dataKeys.setTimestamp(3, Timestamp.from(requestedAt));
                    dataKeys.addBatch();
                    String json = "{\"firstName\":\"Resident\",\"lastName\":\"Number " + i + "\",\"email\":\"resident" + i
                            + "@example.org\",\"phone\":null}";
                    contact = seal(dataKey, json.getBytes(StandardCharsets.UTF_8), bytes(subject));
                }
                String note = status.equals("resolved") || status.equals("closed") ? "Repaired by the highways team." : null;
                int p = 1;
                requests.setObject(p++, id);
                requests.setString(p++, reference(prefix));
                requests.setObject(p++, service.id());
                requests.setString(p++, service.code());
                requests.setInt(p++, service.version());
                requests.setString(p++, status);
                requests.setString(p++, descriptions[random.nextInt(descriptions.length)]);
                requests.setBigDecimal(p++, java.math.BigDecimal.valueOf(51.40 + random.nextDouble() * 0.12).setScale(6, java.math.RoundingMode.HALF_UP));
                requests.setBigDecimal(p++, java.math.BigDecimal.valueOf(-0.36 + random.nextDouble() * 0.12).setScale(6, java.math.RoundingMode.HALF_UP));
                requests.setString(p++, (1 + random.nextInt(200)) + " " + streets[random.nextInt(streets.length)] + ", Riverside");
                requests.setString(p++, "{}");
                requests.setString(p++, channels[random.nextInt(channels.length)]);
                requests.setTimestamp(p++, Timestamp.from(requestedAt));
                requests.setTimestamp(p++, Timestamp.from(updated));
                requests.setTimestamp(p++, Timestamp.from(expected));
                requests.setString(p++, service.type().equals("batch") ? UUID.randomUUID().toString() : null);
                requests.setObject(p++, subject);
                requests.setBytes(p++, contact);
                requests.setString(p++, note);
                requests.addBatch();
                if (!status.equals("submitted")) {
                    history.setObject(1, id);
                    history.setString(2, "submitted");
                    history.setString(3, status);
                    history.setString(4, note);
                    history.setTimestamp(5, Timestamp.from(updated));
                    history.addBatch();
                }
                if (i % 2000 == 1999 || i == rows - 1) {
                    dataKeys.executeBatch();
                    requests.executeBatch();
                    history.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    /** Commits and rows read and written per table, from PostgreSQL's cumulative statistics. */
    static Map<String, Long> databaseCounters(String jdbcUrl) throws Exception {
        Thread.sleep(1500); // backends flush their statistics at most once a second
        Map<String, Long> counters = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select xact_commit, xact_rollback from pg_stat_database where datname = current_database()")) {
                rs.next();
                counters.put("commits", rs.getLong(1));
                counters.put("rollbacks", rs.getLong(2));
            }
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(seq_scan, 0), coalesce(idx_scan, 0)
                    from pg_stat_user_tables order by 1""")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    counters.put("insert:" + table, rs.getLong(2));
                    counters.put("update:" + table, rs.getLong(3));
                    counters.put("delete:" + table, rs.getLong(4));
                    counters.put("scan:" + table, rs.getLong(5) + rs.getLong(6));
                }
            }
        }
        return counters;
    }

    /** A bound's measured window: its requests and the CPU readings around them. */
    record Bound(Load.Result result, long[] cpuBefore, long[] cpuAfter) {
        double cpuPerRequest() {
            return Cpu.total(cpuBefore, cpuAfter) / Math.max(1.0, result.count());
        }
    }

    /** The POST against a bound's server on this port: a warm-up, then the measured window. */
    static Bound behind(int port, String form, int clients, int warmUp, int seconds) throws Exception {
        Load.Http http = new Load.Http("http://127.0.0.1:" + port);
        byte[] post = http.post("/open311/v2/requests.json", form);
        Load.run(clients, warmUp, () -> http.send(post).ok());
        long[] before = cpu.now();
        Load.Result result = Load.run(clients, seconds, () -> http.send(post).ok());
        return new Bound(result, before, cpu.now());
    }

    static Cpu cpu;

    /** CPU time (user + system) of Civitas, of PostgreSQL (the postmaster and its backends) and of this load generator. */
    record Cpu(ProcessHandle civitas, ProcessHandle postgres) {
        long[] now() {
            long pg = millis(postgres) + postgres.descendants().mapToLong(Cpu::millis).sum();
            return new long[] {millis(civitas), pg, millis(ProcessHandle.current()), System.nanoTime() / 1_000_000};
        }

        static long total(long[] before, long[] after) {
            return (after[0] - before[0]) + (after[1] - before[1]) + (after[2] - before[2]);
        }

        static long millis(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        }

        String per(String what, long[] before, long[] after, long count) {
            double n = Math.max(1, count);
            double wall = after[3] - before[3];
            return String.format("%s_cpu_ms_per_request: civitas=%.2f   postgres=%.2f   load_generator=%.2f   "
                            + "(machine use of our processes: %.0f%% of 2 cores over %.0f s)", what,
                    (after[0] - before[0]) / n, (after[1] - before[1]) / n, (after[2] - before[2]) / n,
                    100.0 * ((after[0] - before[0]) + (after[1] - before[1]) + (after[2] - before[2])) / (2 * wall), wall / 1000);
        }
    }

    /**
     * The least an HTTP/1.1 server can do for a form POST: a thread per kept-alive connection, the head read
     * to its Content-Length, the form split and URL-decoded, the work done, a fixed JSON answer written.
     * No routing, no security, no validation, no framework: an upper bound for any web stack on this machine.
     */
    static final class BareServer implements AutoCloseable {
        static final byte[] ANSWER;

        static {
            byte[] body = "[{\"service_request_id\":\"RBC-7K3M-9Q2P\",\"service_notice\":null,\"account_id\":null}]"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ANSWER = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, ANSWER, head.length, body.length);
        }

        private final java.net.ServerSocket server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        BareServer(Load.Work work) throws java.io.IOException {
            server = new java.net.ServerSocket(0, 128, java.net.InetAddress.getLoopbackAddress());
            threads.submit(() -> {
                while (!server.isClosed()) {
                    java.net.Socket socket = server.accept();
                    threads.submit(() -> serve(socket, work));
                }
                return null;
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private static void serve(java.net.Socket socket, Load.Work work) {
            try (socket) {
                socket.setTcpNoDelay(true);
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
                java.io.OutputStream out = socket.getOutputStream();
                for (String request = line(in); request != null; request = line(in)) {
                    int length = 0;
                    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                        if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    Map<String, String> form = new java.util.HashMap<>();
                    for (String pair : new String(in.readNBytes(length), StandardCharsets.UTF_8).split("&")) {
                        int equals = pair.indexOf('=');
                        form.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                                java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                    }
                    if (!form.containsKey("service_code")) {
                        throw new IllegalStateException("no service_code in the form");
                    }
                    byte[] answer = ANSWER;
                    try {
                        work.once();
                    } catch (Exception e) {
                        answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                    }
                    out.write(answer);
                    out.flush();
                }
            } catch (Exception e) {
                // the client went away at the end of the phase
            }
        }

        private static String line(java.io.InputStream in) throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    return line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.substring(0, line.length() - 1) : line.toString();
                }
                line.append((char) b);
            }
            return line.length() == 0 ? null : line.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    /** An audit entry shaped and sized like the one Civitas queues for an Open311 POST (its canonical JSON). */
    static byte[] auditEntry(String apiClient, UUID request, Instant at) {
        return ("{\"action\":\"requests.RequestSubmitted\",\"actor\":{\"id\":\"" + apiClient + "\",\"kind\":\"api-client\"},"
                + "\"fields\":[\"reference\",\"serviceCode\",\"channel\"],\"requestId\":\"" + UUID.randomUUID()
                + "\",\"resource\":{\"id\":\"" + request + "\",\"type\":\"request\"},\"time\":\"" + at
                + "\",\"values\":{\"channel\":\"open311\",\"reference\":\"RBC-7K3M-9Q2P\",\"serviceCode\":\"pothole\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final SecureRandom RANDOM = new SecureRandom();

    /** A reference as Civitas makes them (prefix, two groups of four from the unambiguous alphabet). */
    static String reference(String prefix) {
        StringBuilder reference = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }

    /** The trust vault's sealing: version 1, a random 96-bit nonce, AES-256-GCM with the subject as associated data. */
    static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
    }

    static SecretKey newDataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    static byte[] bytes(UUID subject) {
        return ByteBuffer.allocate(16).putLong(subject.getMostSignificantBits()).putLong(subject.getLeastSignificantBits()).array();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
