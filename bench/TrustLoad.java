import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for bench/trust (issue 5: POST throughput with the audit log and the vault on, as a
 * ratio of the same with them off). Two Civitas are running, each on its own fresh embedded database:
 * "off" with {@code CIVITAS_AUDIT=off}, POSTed to without contact details (so no data key is made and
 * nothing is sealed: the vault cannot be switched off, storing contact details in clear is not an
 * option), and "on" with the audit log on, POSTed to with first_name, last_name, email and phone.
 * <p>
 * They are measured in alternating rounds (the order turning each round) at the same concurrency for the same time, so a change in the load of the shared
 * machine falls on both alike; {@code trust_ratio} is the total POSTs of "on" over those of "off".
 * Every loop is bounded by its time limit (and stops after 1000 errors).
 * With a third Civitas, "vault" (audit off, POSTed to with contact details), it also prints what the
 * vault alone costs. {@code java bench/TrustLoad.java <api-key> <clients> <round-seconds> <rounds>
 * off=<url>@<pid> on=<url>@<pid> [vault=<url>@<pid>]}
 */
public class TrustLoad {

    static final String BASE_FORM = "service_code=pothole&lat=51.4613&long=-0.3037"
            + "&address_string=" + enc("12 River Street, Riverside")
            + "&description=" + enc("A deep pothole by the bus stop. Cars swerve round it.")
            + "&attribute%5Bsize%5D=large&attribute%5Bdepth%5D=8&attribute%5Bsurface%5D=road";
    static final String CONTACT = "&first_name=Ada&last_name=Lovelace&email=" + enc("ada.lovelace@example.org")
            + "&phone=" + enc("+44 20 7946 0018");

    /** One Civitas and how it is POSTed to. */
    record Side(String name, String what, HttpRequest post, ProcessHandle pid, List<long[]> times, long[] totals) {
        // totals: requests, errors, cpu ms, elapsed ms
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // then name=url@pid for each side: off, on, and optionally vault (audit off, contact details sealed)
        List<Side> sides = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String url = args[i].substring(args[i].indexOf('=') + 1, args[i].lastIndexOf('@'));
            ProcessHandle pid = ProcessHandle.of(Long.parseLong(args[i].substring(args[i].lastIndexOf('@') + 1))).orElseThrow();
            boolean contact = !name.equals("off");
            String what = switch (name) {
                case "off" -> "audit off, no contact details";
                case "on" -> "audit on, contact details sealed";
                default -> "audit off, contact details sealed";
            };
            sides.add(new Side(name, what, post(url, "api_key=" + enc(key) + "&" + BASE_FORM + (contact ? CONTACT : "")), pid,
                    new ArrayList<>(), new long[4]));
        }

        // warm-up, not measured: the JIT of each, in turn (2 x 15 s each; a busy 2-core machine compiles slowly)
        for (int i = 0; i < 2; i++) {
            for (Side side : sides) {
                run(clients, 15, () -> check(http.send(side.post(), HttpResponse.BodyHandlers.ofString())));
            }
        }
        for (int round = 0; round < rounds; round++) {
            // the order turns each round (and runs backwards every other), so no side is always first or last
            List<Side> order = new ArrayList<>(sides);
            java.util.Collections.rotate(order, round / 2);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Side side : order) {
                long cpuBefore = cpu(side.pid());
                Result result = run(clients, seconds, () -> check(http.send(side.post(), HttpResponse.BodyHandlers.ofString())));
                long cpu = cpu(side.pid()) - cpuBefore;
                System.out.printf("round %d %-5s posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   (%d requests, %d errors)%n",
                        round + 1, side.name(), result.perSecond(), result.p(50), result.p(99),
                        cpu / Math.max(1.0, result.count()), result.count(), result.errors());
                side.times().add(result.nanos());
                side.totals()[0] += result.count();
                side.totals()[1] += result.errors();
                side.totals()[2] += cpu;
                side.totals()[3] += (long) (result.elapsedSeconds() * 1000);
            }
        }
        Result off = null, on = null;
        double offCpu = 0, onCpu = 0;
        boolean errors = false;
        for (Side side : sides) {
            Result all = merged(side.times(), side.totals()[1], side.totals()[3] / 1000.0);
            double cpu = side.totals()[2] / Math.max(1.0, side.totals()[0]);
            System.out.printf("%-5s posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   (%s; %d clients, %d x %d s, %d requests, %d errors)%n",
                    side.name() + ":", all.perSecond(), all.p(50), all.p(99), cpu, side.what(), clients, rounds, seconds,
                    all.count(), all.errors());
            errors |= all.errors() > 0;
            if (side.name().equals("off")) {
                off = all;
                offCpu = cpu;
            } else if (side.name().equals("on")) {
                on = all;
                onCpu = cpu;
            } else {
                System.out.printf("vault_only_ratio=%.2f   (the vault alone: audit off, contact details sealed / off)%n",
                        all.perSecond() / merged(sides.get(0).times(), 0, sides.get(0).totals()[3] / 1000.0).perSecond());
            }
        }
        if (errors) {
            System.out.println("errors: the figures above are not valid");
            System.exit(1);
        }
        System.out.printf("trust_ratio=%.2f   (POSTs/s with the audit log on and contact details sealed / with the audit off and no contact; target >= 0.8)%n",
                on.perSecond() / off.perSecond());
        System.out.printf("trust_cpu_ratio=%.2f   (Civitas CPU per POST off / on)%n", offCpu / onCpu);
    }

    static HttpRequest post(String base, String form) {
        return HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    static Result merged(List<long[]> parts, long errors, double seconds) {
        return new Result(parts.stream().flatMapToLong(Arrays::stream).sorted().toArray(), errors, seconds);
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

    static String check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
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

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
