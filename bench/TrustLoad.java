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
 * The two are measured in alternating rounds (off, on, on, off, off, on, ...: each side first as
 * often as second) at the same concurrency for the same time, so a change in the load of the shared
 * machine falls on both alike; {@code trust_ratio} is the total POSTs of "on" over those of "off".
 * Every loop is bounded by its time limit (and stops after 1000 errors).
 * {@code java bench/TrustLoad.java <off-url> <on-url> <api-key> <clients> <round-seconds> <rounds> <off-pid> <on-pid>}
 */
public class TrustLoad {

    static final String BASE_FORM = "service_code=pothole&lat=51.4613&long=-0.3037"
            + "&address_string=" + enc("12 River Street, Riverside")
            + "&description=" + enc("A deep pothole by the bus stop. Cars swerve round it.")
            + "&attribute%5Bsize%5D=large&attribute%5Bdepth%5D=8&attribute%5Bsurface%5D=road";
    static final String CONTACT = "&first_name=Ada&last_name=Lovelace&email=" + enc("ada.lovelace@example.org")
            + "&phone=" + enc("+44 20 7946 0018");

    public static void main(String[] args) throws Exception {
        String offUrl = args[0];
        String onUrl = args[1];
        String key = args[2];
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        ProcessHandle offPid = ProcessHandle.of(Long.parseLong(args[6])).orElseThrow();
        ProcessHandle onPid = ProcessHandle.of(Long.parseLong(args[7])).orElseThrow();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest off = post(offUrl, "api_key=" + enc(key) + "&" + BASE_FORM);
        HttpRequest on = post(onUrl, "api_key=" + enc(key) + "&" + BASE_FORM + CONTACT);
        Work offWork = () -> check(http.send(off, HttpResponse.BodyHandlers.ofString()));
        Work onWork = () -> check(http.send(on, HttpResponse.BodyHandlers.ofString()));

        // warm-up, not measured: the JIT of both, alternately
        for (int i = 0; i < 2; i++) {
            run(clients, 8, offWork);
            run(clients, 8, onWork);
        }
        long offCount = 0, onCount = 0, offErrors = 0, onErrors = 0;
        double offSeconds = 0, onSeconds = 0;
        long offCpu = 0, onCpu = 0;
        List<long[]> offTimes = new ArrayList<>();
        List<long[]> onTimes = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // off first in rounds 0, 3, 4, 7, 8, ...; on first in 1, 2, 5, 6, ...: ABBA order
            boolean offFirst = (round % 4 == 0) || (round % 4 == 3);
            for (int side = 0; side < 2; side++) {
                boolean isOff = (side == 0) == offFirst;
                ProcessHandle pid = isOff ? offPid : onPid;
                long cpuBefore = cpu(pid);
                Result result = run(clients, seconds, isOff ? offWork : onWork);
                long cpu = cpu(pid) - cpuBefore;
                System.out.printf("round %d %-3s posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   (%d requests, %d errors)%n",
                        round + 1, isOff ? "off" : "on", result.perSecond(), result.p(50), result.p(99),
                        cpu / Math.max(1.0, result.count()), result.count(), result.errors());
                if (isOff) {
                    offCount += result.count(); offErrors += result.errors(); offSeconds += result.elapsedSeconds(); offCpu += cpu;
                    offTimes.add(result.nanos());
                } else {
                    onCount += result.count(); onErrors += result.errors(); onSeconds += result.elapsedSeconds(); onCpu += cpu;
                    onTimes.add(result.nanos());
                }
            }
        }
        Result offAll = merged(offTimes, offErrors, offSeconds);
        Result onAll = merged(onTimes, onErrors, onSeconds);
        System.out.printf("off: posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   (audit off, no contact details; %d clients, %d x %d s, %d requests, %d errors)%n",
                offAll.perSecond(), offAll.p(50), offAll.p(99), offCpu / Math.max(1.0, offCount), clients, rounds, seconds, offCount, offErrors);
        System.out.printf("on:  posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   (audit on, contact details sealed; %d clients, %d x %d s, %d requests, %d errors)%n",
                onAll.perSecond(), onAll.p(50), onAll.p(99), onCpu / Math.max(1.0, onCount), clients, rounds, seconds, onCount, onErrors);
        if (offErrors > 0 || onErrors > 0) {
            System.out.println("errors: the figures above are not valid");
            System.exit(1);
        }
        System.out.printf("trust_ratio=%.2f   (POSTs/s with the audit log on and contact details sealed / with the audit off and no contact; target >= 0.8)%n",
                onAll.perSecond() / offAll.perSecond());
        System.out.printf("trust_cpu_ratio=%.2f   (Civitas CPU per POST off / on)%n",
                (offCpu / Math.max(1.0, offCount)) / (onCpu / Math.max(1.0, onCount)));
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
