import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * Fills the audit queue of a running Civitas with N entries as writers do (one INSERT each, in
 * transactions of 1,000), then waits until the sequencer has signed a checkpoint covering them
 * all. With "size" instead of N it prints the latest checkpoint's tree size.
 */
public class AuditFill {

    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection(args[0], "postgres", null)) {
            if (args[1].equals("size")) {
                System.out.println(size(db));
                return;
            }
            int n = Integer.parseInt(args[1]);
            long target = size(db) + n;
            long started = System.nanoTime();
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into trust.audit_queue (entry) values (?)")) {
                for (int i = 0; i < n; i++) {
                    String entry = "{\"action\":\"requests.CaseStatusChanged\",\"actor\":{\"id\":\"" + UUID.randomUUID()
                            + "\",\"kind\":\"account\",\"roles\":[\"CASEWORKER\"],\"teams\":[\"" + UUID.randomUUID() + "\"]},"
                            + "\"fields\":[\"reference\",\"from\",\"to\"],\"requestId\":\"" + UUID.randomUUID() + "\",\"resource\":{\"id\":\""
                            + UUID.randomUUID() + "\",\"type\":\"request\"},\"time\":\"2026-11-28T16:20:00.512Z\",\"values\":{\"from\":\"submitted\","
                            + "\"reference\":\"RBC-7K3M-9Q2P\",\"to\":\"acknowledged\"}}";
                    insert.setBytes(1, entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    insert.addBatch();
                    if ((i + 1) % 1000 == 0 || i == n - 1) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
            }
            db.setAutoCommit(true);
            for (int i = 0; i < 6000 && size(db) < target; i++) {
                Thread.sleep(100);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("queued_and_sequenced=%d in %d ms   (sequencer_entries_per_s=%.0f, batches of 5,000 with a signed checkpoint each)%n",
                    n, ms, n * 1000.0 / ms);
        }
    }

    private static long size(Connection db) throws Exception {
        try (PreparedStatement select = db.prepareStatement("select coalesce(max(tree_size), 0) from trust.audit_checkpoint");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
