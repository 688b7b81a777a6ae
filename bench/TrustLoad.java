import java.util.ArrayList;
import java.util.List;

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
 * vault alone costs. {@code java -cp <classes of TrustLoad.java and Load.java> TrustLoad <api-key> <clients> <round-seconds> <rounds>
 * off=<url>@<pid>@<postmaster-pid> on=... [vault=...]}
 */
public class TrustLoad {

    static final String BASE_FORM = "service_code=pothole&lat=51.4613&long=-0.3037"
            + "&address_string=" + enc("12 River Street, Riverside")
            + "&description=" + enc("A deep pothole by the bus stop. Cars swerve round it.")
            + "&attribute%5Bsize%5D=large&attribute%5Bdepth%5D=8&attribute%5Bsurface%5D=road";
    static final String CONTACT = "&first_name=Ada&last_name=Lovelace&email=" + enc("ada.lovelace@example.org")
            + "&phone=" + enc("+44 20 7946 0018");

    /** One Civitas and how it is POSTed to. */
    record Side(String name, String what, Load.Http http, byte[] post, ProcessHandle pid, ProcessHandle postgres,
                List<long[]> times, long[] totals) {
        // totals: requests, errors, Civitas cpu ms, elapsed ms, PostgreSQL cpu ms
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        // then name=url@pid@postmaster-pid for each side: off, on, and optionally vault (audit off, contact details sealed)
        List<Side> sides = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String[] where = args[i].substring(args[i].indexOf('=') + 1).split("@");
            String url = where[0];
            ProcessHandle pid = ProcessHandle.of(Long.parseLong(where[1])).orElseThrow();
            ProcessHandle postgres = ProcessHandle.of(Long.parseLong(where[2])).orElseThrow();
            boolean contact = !name.equals("off");
            String what = switch (name) {
                case "off" -> "audit off, no contact details";
                case "on" -> "audit on, contact details sealed";
                default -> "audit off, contact details sealed";
            };
            Load.Http http = new Load.Http(url);
            sides.add(new Side(name, what, http, http.post("/open311/v2/requests.json",
                    "api_key=" + enc(key) + "&" + BASE_FORM + (contact ? CONTACT : "")), pid, postgres,
                    new ArrayList<>(), new long[5]));
        }

        // warm-up, not measured: the JIT of each, in turn (3 x 20 s each: with 2 x 15 s every side was still
        // getting faster round after round, the JIT compiling for three servers on two cores)
        for (int i = 0; i < 3; i++) {
            for (Side side : sides) {
                Load.run(clients, 20, () -> side.http().send(side.post()).ok());
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
                long pgBefore = cpuWithDescendants(side.postgres());
                Load.Result result = Load.run(clients, seconds, () -> side.http().send(side.post()).ok());
                long cpu = cpu(side.pid()) - cpuBefore;
                long pg = cpuWithDescendants(side.postgres()) - pgBefore;
                System.out.printf("round %d %-5s posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   postgres_cpu_ms_per_post=%.2f   (%d requests, %d errors)%n",
                        round + 1, side.name(), result.perSecond(), result.p(50), result.p(99),
                        cpu / Math.max(1.0, result.count()), pg / Math.max(1.0, result.count()), result.count(), result.errors());
                side.times().add(result.nanos());
                side.totals()[0] += result.count();
                side.totals()[1] += result.errors();
                side.totals()[2] += cpu;
                side.totals()[3] += (long) (result.elapsedSeconds() * 1000);
                side.totals()[4] += pg;
            }
        }
        Load.Result off = null, on = null;
        double offCpu = 0, onCpu = 0, offPg = 0, onPg = 0;
        boolean errors = false;
        for (Side side : sides) {
            Load.Result all = Load.Result.merged(side.times(), side.totals()[1], side.totals()[3] / 1000.0);
            double cpu = side.totals()[2] / Math.max(1.0, side.totals()[0]);
            double pg = side.totals()[4] / Math.max(1.0, side.totals()[0]);
            System.out.printf("%-5s posts_per_s=%.1f   p50_ms=%.1f   p99_ms=%.1f   civitas_cpu_ms_per_post=%.2f   postgres_cpu_ms_per_post=%.2f   (%s; %d clients, %d x %d s, %d requests, %d errors)%n",
                    side.name() + ":", all.perSecond(), all.p(50), all.p(99), cpu, pg, side.what(), clients, rounds, seconds,
                    all.count(), all.errors());
            errors |= all.errors() > 0;
            if (side.name().equals("off")) {
                off = all;
                offCpu = cpu;
                offPg = pg;
            } else if (side.name().equals("on")) {
                on = all;
                onCpu = cpu;
                onPg = pg;
            } else {
                System.out.printf("vault_only_ratio=%.2f   (the vault alone: audit off, contact details sealed / off)%n",
                        all.perSecond() / Load.Result.merged(sides.get(0).times(), 0, sides.get(0).totals()[3] / 1000.0).perSecond());
            }
        }
        if (errors) {
            System.out.println("errors: the figures above are not valid");
            System.exit(1);
        }
        System.out.printf("trust_ratio=%.2f   (POSTs/s with the audit log on and contact details sealed / with the audit off and no contact; target >= 0.8)%n",
                on.perSecond() / off.perSecond());
        System.out.printf("trust_cpu_ratio=%.2f   (Civitas CPU per POST off / on; with PostgreSQL's: %.2f)%n", offCpu / onCpu,
                (offCpu + offPg) / (onCpu + onPg));
    }

    static long cpu(ProcessHandle process) {
        return Load.cpuMillis(process);
    }

    /** A server's PostgreSQL: the postmaster and its backends. */
    static long cpuWithDescendants(ProcessHandle process) {
        return Load.cpuMillis(process) + process.descendants().mapToLong(Load::cpuMillis).sum();
    }

    static String enc(String value) {
        return Load.enc(value);
    }
}
