package org.civitas.trust.audit;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.civitas.trust.SubjectErased;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every state change leaves exactly one audit entry, found by the HTTP request's id, with the
 * actor and without personal data; a change rolled back leaves none; the database refuses to
 * change or remove what was logged; proofs from the API check out against signed checkpoints.
 */
@CivitasTest
class AuditLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditSequencer sequencer;

    @Test
    void theDemoWalkLeavesOneEntryPerStateChangeWithItsActor() throws Exception {
        // a failed sign-in: the typed e-mail appears nowhere in the entry
        WebSession stranger = new WebSession(port);
        stranger.get("/sign-in");
        HttpResponse<String> failed = stranger.postForm("/sign-in", Map.of("email", "nobody-marker@example.org", "password", "wrong-password-1"));
        JsonNode failure = onlyEntry(failed, "identity.SignInFailed");
        assertThat(failure.toString()).doesNotContain("nobody-marker");
        assertThat(failure.get("actor").get("kind").asString()).isEqualTo("anonymous");

        // a sign-in
        WebSession admin = new WebSession(port);
        HttpResponse<String> signedIn = admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        JsonNode signIn = onlyEntry(signedIn, "identity.SignedIn");
        String adminId = signIn.get("resource").get("id").asString();
        assertThat(signIn.get("actor").get("id").asString()).isEqualTo(adminId);
        admin.get("/account");

        // an API key created and revoked by the administrator
        HttpResponse<String> created = admin.postRaw("/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"Audit partner\",\"owner\":\"Audit owner\",\"scopes\":[\"open311.submit\"]}", "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode keyCreated = onlyEntry(created, "identity.ApiKeyCreated");
        assertThat(keyCreated.get("actor").get("kind").asString()).isEqualTo("account");
        assertThat(keyCreated.get("actor").get("id").asString()).isEqualTo(adminId);
        assertThat(keyCreated.get("actor").get("roles").toString()).contains("ADMINISTRATOR");
        assertThat(keyCreated.get("resource").get("type").asString()).isEqualTo("api-key");
        assertThat(keyCreated.get("fields").toString()).contains("scopes");
        assertThat(keyCreated.toString()).doesNotContain("Audit partner").doesNotContain("Audit owner");
        String keyId = keyCreated.get("resource").get("id").asString();
        HttpResponse<String> revoked = admin.send(admin.request("/api/v1/admin/api-keys/" + keyId)
                .header("X-CSRF-TOKEN", admin.csrfToken()).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(onlyEntry(revoked, "identity.ApiKeyRevoked").get("resource").get("id").asString()).isEqualTo(keyId);

        // a service created, its draft changed, published, and a live detail changed: the entries name the changed fields
        String service = """
                {"code":"audit-bench","name":"Audit bench","description":"A bench to report.","group":"Streets","keywords":["bench"],
                 "nameCy":"Mainc archwilio","descriptionCy":"Mainc i roi gwybod amdani.",
                 "type":"realtime","team":"highways","sla":{"amount":3,"unit":"working_days"},
                 "questions":[{"code":"count","datatype":"number","required":true,"description":"How many?","descriptionCy":"Faint?"}]}""";
        assertThat(onlyEntry(admin.postRaw("/api/v1/services", "application/json", service, "X-CSRF-TOKEN", admin.csrfToken()),
                "catalogue.ServiceCreated").get("resource").get("type").asString()).isEqualTo("service");
        JsonNode draft = onlyEntry(put(admin, "/api/v1/services/audit-bench", service.replace("\"Audit bench\"", "\"Audit benches\"")),
                "catalogue.ServiceDraftChanged");
        assertThat(draft.get("fields").toString()).isEqualTo("[\"name\"]");
        onlyEntry(admin.postRaw("/api/v1/services/audit-bench/publish", "application/json", "", "X-CSRF-TOKEN", admin.csrfToken()),
                "catalogue.ServiceVersionPublished");
        JsonNode details = onlyEntry(put(admin, "/api/v1/services/audit-bench",
                service.replace("\"Audit bench\"", "\"Audit benches\"").replace("\"amount\":3", "\"amount\":4")), "catalogue.ServiceDetailsChanged");
        assertThat(details.get("fields").toString()).isEqualTo("[\"sla\"]");

        // a request from an Open311 client, then a case transition by a caseworker
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("description", "A pothole by the audit office.");
        form.put("email", "marker-resident@example.org");
        form.put("attribute[size]", "large");
        form.put("attribute[surface]", "road");
        HttpResponse<String> submitted = new WebSession(port).postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode request = onlyEntry(submitted, "requests.RequestSubmitted");
        assertThat(request.get("actor").get("kind").asString()).as("the API client that sent it").isEqualTo("api-client");
        assertThat(request.toString()).doesNotContain("marker-resident").doesNotContain("audit office");
        String reference = request.get("values").get("reference").asString();

        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        caseworker.get("/account");
        HttpResponse<String> moved = caseworker.postRaw("/api/v1/cases/" + reference + "/transition", "application/json",
                "{\"status\":\"acknowledged\",\"publicNote\":\"We have it.\",\"internalNote\":\"Marker note\"}", "X-CSRF-TOKEN", caseworker.csrfToken());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode transition = onlyEntry(moved, "requests.CaseStatusChanged");
        assertThat(transition.get("values").get("to").asString()).isEqualTo("acknowledged");
        assertThat(transition.get("actor").get("roles").toString()).contains("CASEWORKER");
        assertThat(transition.toString()).doesNotContain("Marker note");

        // bad input changes nothing and leaves no entry
        HttpResponse<String> refused = admin.postRaw("/api/v1/admin/api-keys", "application/json", "{\"name\":\"\",\"scopes\":[\"nonsense\"]}",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(refused.statusCode()).isIn(400, 422);
        assertThat(entries(requestId(refused))).isEmpty();
    }

    @Test
    void anEventRolledBackLeavesNoEntryAndACommittedOneLeavesOne() {
        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new SubjectErased(rolledBack));
            status.setRollbackOnly();
        });
        UUID committed = UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new SubjectErased(committed)));
        assertThat(countFor(rolledBack)).isZero();
        assertThat(countFor(committed)).isEqualTo(1);
        sequencer.sequenceBatch();
        assertThat(countFor(committed)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from trust.audit_queue").query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveTheLog() {
        transactions.executeWithoutResult(status -> events.publishEvent(new SubjectErased(UUID.randomUUID())));
        sequencer.sequenceBatch();
        for (String statement : List.of(
                "update trust.audit_log set entry = entry || 'x'::bytea",
                "delete from trust.audit_log",
                "truncate trust.audit_log",
                "update trust.audit_checkpoint set signature = signature",
                "delete from trust.audit_checkpoint",
                "delete from trust.audit_node",
                "truncate trust.audit_checkpoint cascade")) {
            // the application's role has no right to (AuditWitnessTest: and the owner's triggers refuse it too)
            assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement).hasStackTraceContaining("permission denied");
        }
        assertThat(jdbc.sql("select count(*) from trust.audit_checkpoint").query(Long.class).single()).isPositive();
    }

    @Test
    void proofsFromTheApiCheckOutAgainstSignedCheckpoints() throws Exception {
        for (int i = 0; i < 5; i++) {
            transactions.executeWithoutResult(status -> {
                for (int j = 0; j < 3; j++) {
                    events.publishEvent(new SubjectErased(UUID.randomUUID()));
                }
            });
            sequencer.sequenceBatch();
        }
        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/account");

        JsonNode verdict = JSON.readTree(admin.get("/api/v1/admin/audit/verify").body());
        assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
        long size = verdict.get("treeSize").asLong();
        byte[] root = hex(verdict.get("rootHash").asString());

        List<Long> sizes = jdbc.sql("select distinct tree_size from trust.audit_checkpoint where tree_size between 1 and ? order by tree_size")
                .param(size).query(Long.class).list();
        for (long seq : List.of(0L, size / 2, size - 1)) {
            JsonNode proof = JSON.readTree(admin.get("/api/v1/admin/audit/proof/inclusion?seq=" + seq + "&treeSize=" + size).body());
            assertThat(proof.get("rootHash").asString()).isEqualTo(verdict.get("rootHash").asString());
            byte[] leaf = MerkleTree.leafHash(MerkleTree.sha256(), java.util.Base64.getDecoder().decode(proof.get("entry").asString()));
            assertThat(MerkleTree.verifyInclusion(seq, size, leaf, hexes(proof.get("path")), root)).as("inclusion of %d in %d", seq, size).isTrue();
            assertThat(MerkleTree.verifyInclusion(seq, size, leaf, hexes(proof.get("path")), leaf))
                    .as("a proof does not lead to any other root").isFalse();
        }
        for (long from : sizes) {
            JsonNode proof = JSON.readTree(admin.get("/api/v1/admin/audit/proof/consistency?from=" + from + "&to=" + size).body());
            assertThat(MerkleTree.verifyConsistency(from, size, hex(proof.get("fromRoot").asString()), root, hexes(proof.get("proof"))))
                    .as("consistency %d -> %d", from, size).isTrue();
        }

        HttpResponse<String> bad = admin.get("/api/v1/admin/audit/proof/inclusion?seq=abc");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("seq");
        HttpResponse<String> notACheckpoint = admin.get("/api/v1/admin/audit/proof/consistency?from=" + (size + 10));
        assertThat(notACheckpoint.statusCode()).isEqualTo(422);
        assertThat(notACheckpoint.body()).contains("from");

        HttpResponse<String> export = admin.get("/api/v1/admin/audit/export");
        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode exported = JSON.readTree(export.body());
        assertThat(exported.get("publicKey").asString()).isEqualTo(sequencer.key().publicKeyBase64());
        // an outside party's check: only the export and the published public key
        List<Checkpoint> checkpoints = new java.util.ArrayList<>();
        exported.get("checkpoints").forEach(c -> checkpoints.add(new Checkpoint(c.get("treeSize").asLong(), hex(c.get("rootHash").asString()),
                java.time.Instant.parse(c.get("signedAt").asString()), java.util.Base64.getDecoder().decode(c.get("signature").asString()))));
        AuditVerifier.Walk walk = new AuditVerifier.Walk(checkpoints, AuditSigningKey.publicKeyFromBase64(exported.get("publicKey").asString()));
        for (JsonNode e : exported.get("entries")) {
            assertThat(walk.add(e.get("seq").asLong(), java.util.Base64.getDecoder().decode(e.get("entry").asString()),
                    hex(e.get("leafHash").asString()))).isNull();
        }
        AuditVerifier.Result fromExport = walk.finish();
        assertThat(fromExport.intact()).isTrue();
        assertThat(fromExport.treeSize()).isEqualTo(exported.get("entries").size()).isGreaterThanOrEqualTo(size);

        assertThat(new WebSession(port).get("/api/v1/admin/audit/verify").statusCode()).isIn(401, 403);
    }

    private static HttpResponse<String> put(WebSession session, String path, String json) {
        return session.send(session.request(path).header("Content-Type", "application/json").header("X-CSRF-TOKEN", session.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private JsonNode onlyEntry(HttpResponse<String> response, String action) {
        List<JsonNode> found = entries(requestId(response));
        assertThat(found).as("entries of the request for %s", action).hasSize(1);
        assertThat(found.get(0).get("action").asString()).isEqualTo(action);
        return found.get(0);
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private List<JsonNode> entries(String requestId) {
        return jdbc.sql("""
                        select e from (
                          select convert_from(entry, 'UTF8')::jsonb as e from trust.audit_queue
                          union all select (convert_from(entry, 'UTF8')::jsonb) -> 'entry' from trust.audit_log) all_entries
                        where e ->> 'requestId' = ?""")
                .param(requestId).query(String.class).list().stream().map(JSON::readTree).toList();
    }

    private long countFor(UUID subject) {
        return jdbc.sql("""
                        select count(*) from (
                          select convert_from(entry, 'UTF8')::jsonb as e from trust.audit_queue
                          union all select (convert_from(entry, 'UTF8')::jsonb) -> 'entry' from trust.audit_log) all_entries
                        where e -> 'resource' ->> 'id' = ?""")
                .param(subject.toString()).query(Long.class).single();
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static List<byte[]> hexes(JsonNode array) {
        List<byte[]> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(hex(node.asString())));
        return out;
    }
}
