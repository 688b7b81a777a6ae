import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load generators share: a timed loop over client threads, its latencies, and a lean HTTP/1.1
 * client. The JDK's {@code HttpClient} spent 0.8–1.5 ms of CPU per request here, as much as
 * PostgreSQL's whole part of a POST, on the same two cores as the server it measures; this client
 * writes pre-encoded request bytes on one kept-alive socket per client thread and reads the answer by
 * its Content-Length (or chunks), so nearly all the machine goes to what is measured.
 */
final class Load {

    private Load() {
    }

    interface Work {
        void once() throws Exception;
    }

    record Result(long[] nanos, long errors, double elapsedSeconds, long startedAtMillis) {
        Result(long[] nanos, long errors, double elapsedSeconds) {
            this(nanos, errors, elapsedSeconds, System.currentTimeMillis() - (long) (elapsedSeconds * 1000));
        }

        /** When it ran, in epoch milliseconds: to cut a Flight Recording (BENCH_JFR) by phase. */
        String window() {
            return startedAtMillis + "-" + (startedAtMillis + (long) (elapsedSeconds * 1000));
        }

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

        static Result merged(List<long[]> parts, long errors, double seconds) {
            return new Result(parts.stream().flatMapToLong(Arrays::stream).sorted().toArray(), errors, seconds);
        }
    }

    /** Runs {@code work} in a loop on {@code clients} threads until {@code seconds} have passed (or 1000 errors). */
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
        return Result.merged(all, errors.get(), elapsed);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * CPU clock ticks (user + system) of each thread of a process, summed by kind of thread: Linux only
     * (/proc), an empty map elsewhere. Tells a window's request work from JIT compiling still going on,
     * which a warm-up too short for this machine would leave in the figures.
     */
    static Map<String, Long> threadTicks(ProcessHandle process) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "task");
        try (java.util.stream.Stream<java.nio.file.Path> threads = java.nio.file.Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    String stat = java.nio.file.Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields from the state on: utime and stime are the 12th and 13th (proc(5))
                    ticks.merge(kind(name), Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (java.io.IOException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    private static String kind(String threadName) {
        if (threadName.startsWith("http-")) {
            return "requests";
        }
        if (threadName.contains("CompilerThre")) {
            return "jit";
        }
        if (threadName.startsWith("GC ") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }

    /** The share of each kind of thread in the CPU spent between two {@link #threadTicks} readings. */
    static String threadShares(String label, Map<String, Long> before, Map<String, Long> after) {
        long total = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        StringBuilder line = new StringBuilder(label);
        after.forEach((kind, ticks) -> line.append(String.format("  %s=%.0f%%", kind,
                100.0 * (ticks - before.getOrDefault(kind, 0L)) / Math.max(1, total))));
        return line.toString();
    }

    static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** An HTTP answer: the status and the body's bytes. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body, when the status is 200; otherwise an exception that quotes the answer. */
        String ok() {
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status + ": " + text());
            }
            return text();
        }

        void check() {
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status + ": " + text());
            }
        }
    }

    /**
     * One server's HTTP/1.1 client: a kept-alive connection per thread, requests as ready-made bytes.
     * Enough HTTP for Civitas' answers (Content-Length or chunked bodies, {@code Connection: close}); not
     * a general client.
     */
    static final class Http {
        private final String host;
        private final int port;
        private final ThreadLocal<Connection> connections = new ThreadLocal<>();

        Http(String base) {
            URI uri = URI.create(base);
            this.host = uri.getHost();
            this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        }

        byte[] post(String path, String form) {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            return request;
        }

        byte[] get(String path) {
            return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        Answer send(byte[] request) throws IOException {
            Connection connection = connections.get();
            if (connection != null) {
                try {
                    return connection.exchange(request, this);
                } catch (Stale stale) {
                    // the server closed a kept-alive connection between two requests: once more on a new one
                    connection.close();
                }
            }
            connection = new Connection(host, port);
            connections.set(connection);
            return connection.exchange(request, this);
        }

        void forget(Connection connection) {
            if (connections.get() == connection) {
                connections.remove();
            }
        }
    }

    /** The server had closed a kept-alive connection before this request: nothing was done, safe to send again. */
    private static final class Stale extends IOException {
        Stale() {
            super("connection closed before an answer");
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] line = new byte[8192];

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 65_536);
        }

        Answer exchange(byte[] request, Http owner) throws IOException {
            out.write(request);
            out.flush();
            String status = readLine();
            if (status == null) {
                throw new Stale();
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            byte[] body;
            if (chunked) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    readLine();
                }
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers: none expected, skipped
                }
                body = all.toByteArray();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length != length) {
                    throw new IOException("connection closed in the middle of a body");
                }
            } else {
                body = in.readAllBytes();
                close = true;
            }
            if (close) {
                close();
                owner.forget(this);
            }
            return new Answer(code, body);
        }

        private String readLine() throws IOException {
            int n = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    return new String(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
                }
                if (n == line.length) {
                    throw new IOException("header line longer than " + line.length + " bytes");
                }
                line[n++] = (byte) b;
            }
            return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the server has closed already
            }
        }
    }
}
