import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What decision 0011 saves, measured alone: a transaction shaped like a POST with contact details
 * (the request's INSERT, then a data key and an audit entry held for the commit) with the held rows
 * sent in a round trip of their own before the COMMIT ("separate", decision 0010) or together with
 * the COMMIT ("carried", 0011). 32 connections, interleaved rounds; prints transactions per second
 * and the CPU per transaction of this JVM and of PostgreSQL.
 * {@code java -cp <pgjdbc> bench/CommitRoundTrip.java <jdbc-url> <postmaster-pid> <seconds> <rounds>}
 */
public class CommitRoundTrip {

    static final String HELD = "insert into bench_rt.data_key (id, wrapped, at) values (?, ?, ?);\n"
            + "insert into bench_rt.queue (entry) values (?)";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        ProcessHandle postgres = ProcessHandle.of(Long.parseLong(args[1])).orElseThrow();
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create schema if not exists bench_rt");
            s.execute("create table if not exists bench_rt.request (id uuid primary key, description text, sealed bytea)");
            s.execute("create table if not exists bench_rt.data_key (id uuid primary key, wrapped bytea, at timestamptz)");
            s.execute("create table if not exists bench_rt.queue (id bigserial primary key, entry bytea)");
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Connection c = DriverManager.getConnection(url, "postgres", "");
            c.setAutoCommit(false);
            connections.add(c);
        }
        run(connections, "separate", 5);
        run(connections, "carried", 5);
        double[] totals = new double[4];
        for (int round = 0; round < rounds; round++) {
            for (String mode : round % 2 == 0 ? List.of("separate", "carried") : List.of("carried", "separate")) {
                long cpu = cpu(ProcessHandle.current());
                long pg = cpuWithDescendants(postgres);
                long n = run(connections, mode, seconds);
                double clientMs = (cpu(ProcessHandle.current()) - cpu) / (double) n;
                double pgMs = (cpuWithDescendants(postgres) - pg) / (double) n;
                System.out.printf("round %d %-8s tx_per_s=%.0f   this_jvm_cpu_ms_per_tx=%.3f   postgres_cpu_ms_per_tx=%.3f%n",
                        round + 1, mode, n / (double) seconds, clientMs, pgMs);
                int side = mode.equals("separate") ? 0 : 2;
                totals[side] += n;
                totals[side + 1] += clientMs + pgMs;
            }
        }
        System.out.printf("separate: tx_per_s=%.0f   cpu_ms_per_tx=%.3f%ncarried:  tx_per_s=%.0f   cpu_ms_per_tx=%.3f%n",
                totals[0] / (rounds * seconds), totals[1] / rounds, totals[2] / (rounds * seconds), totals[3] / rounds);
        System.out.printf("carried_over_separate=%.2f   (transactions per second)%n", totals[2] / totals[0]);
    }

    static long run(List<Connection> connections, String mode, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String held = mode.equals("carried") ? HELD + ";\ncommit" : HELD;
        List<Thread> threads = new ArrayList<>();
        for (Connection c : connections) {
            Thread thread = new Thread(() -> {
                byte[] sealed = new byte[140];
                byte[] wrapped = new byte[61];
                byte[] entry = new byte[320];
                try {
                    while (System.nanoTime() < end) {
                        try (PreparedStatement p = c.prepareStatement("insert into bench_rt.request (id, description, sealed) values (?, ?, ?)")) {
                            p.setObject(1, UUID.randomUUID());
                            p.setString(2, "A pothole by the bus stop");
                            p.setBytes(3, sealed);
                            p.executeUpdate();
                        }
                        try (PreparedStatement p = c.prepareStatement(held)) {
                            p.setObject(1, UUID.randomUUID());
                            p.setBytes(2, wrapped);
                            p.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                            p.setBytes(4, entry);
                            p.execute();
                        }
                        c.commit(); // sends nothing after "carried": the server said the transaction ended
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return done.get();
    }

    static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
    }

    static long cpuWithDescendants(ProcessHandle process) {
        return cpu(process) + process.descendants().mapToLong(CommitRoundTrip::cpu).sum();
    }
}
