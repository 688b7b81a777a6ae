package org.civitas.trust.audit;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.civitas.platform.SignedInUser;
import org.civitas.trust.writes.TrustWrites;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns every domain event into an audit entry, queued in the transaction that publishes the event
 * (a plain synchronous listener joins it), so the entry commits or rolls back with the change.
 * <p>
 * Events are recognised, not imported: any record published from a module's root package
 * ({@code org.civitas.<module>}, or nested in a class there) is one. The trust module cannot
 * depend on identity, catalogue or requests (they depend on trust), and a new event in any module
 * is audited without anyone remembering to map it. Events never carry personal data (a rule of
 * the house), so their field values are recorded as well as their names.
 * <p>
 * The actor is whoever the request is authenticated as (account with roles and teams, or API
 * client), else an actor named by the event ({@code createdBy}, {@code revokedBy}; for sign-in
 * and self-service events the account itself), else {@code anonymous} inside a web request or
 * {@code system} outside one.
 */
@Component
class AuditRecorder {

    static final String REQUEST_ID = "requestId";
    static final String CHANGED_FIELDS = "changedFields";
    private static final Set<String> ACTOR_FIELDS = Set.of("createdBy", "revokedBy", "changedBy", "resetBy", "actorId");
    private static final Set<String> SELF_SERVICE = Set.of("AccountRegistered", "SignedIn", "SignedOut", "SecondFactorEnrolled",
            "RecoveryCodeUsed", "SecondFactorFailed", "SecondFactorReplaced", "PasswordHashUpgraded");

    private final TrustWrites writes;
    private final Clock clock;
    private final boolean enabled;
    private final AuditSigningKey key;

    AuditRecorder(TrustWrites writes, Clock clock, @Value("${civitas.audit.enabled:true}") boolean enabled, AuditSequencer sequencer) {
        this.writes = writes;
        this.clock = clock;
        this.enabled = enabled;
        this.key = sequencer.key();
    }

    @EventListener
    void on(Record event) {
        if (!enabled) {
            return;
        }
        String module = MODULES.get(event.getClass());
        if (module.isEmpty()) {
            return;
        }
        // held with the transaction's other trust rows and sent with its COMMIT (TrustWrites)
        // with its MAC under a key the database never sees: the sequencer refuses rows Civitas did not write
        byte[] entry = CanonicalJson.bytes(entry(module, event, clock.instant()));
        writes.insert("trust.audit_queue", "entry, mac", entry, key.queueMac(entry));
    }

    /** {@link #module} per class, "" for records that are not domain events: every record published passes here. */
    private static final ClassValue<String> MODULES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String module = module(type);
            return module == null ? "" : module;
        }
    };

    /** The module whose root package declares the event, or null for records that are not domain events. */
    static String module(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String pkg = top.getPackageName();
        if (!pkg.startsWith("org.civitas.")) {
            return null;
        }
        String module = pkg.substring("org.civitas.".length());
        return module.isEmpty() || module.contains(".") ? null : module;
    }

    static Map<String, Object> entry(String module, Record event, Instant time) {
        Shape shape = SHAPES.get(event.getClass());
        // sorted maps throughout: the canonical form orders keys, and takes a sorted map as it is
        Map<String, Object> entry = new TreeMap<>();
        entry.put("action", shape.action(module));
        entry.put("time", Checkpoint.time(time));
        entry.put(REQUEST_ID, MDC.get(REQUEST_ID));

        String resourceType = null;
        Object resourceId = null;
        Object namedActor = null;
        List<String> fields = new ArrayList<>();
        List<String> changedFields = null;
        Map<String, Object> values = new TreeMap<>();
        for (Shape.Field field : shape.fields()) {
            Object value = field.read(event);
            if (field.changedFields() && value instanceof Collection<?> names) {
                changedFields = names.stream().map(String::valueOf).toList();
                continue;
            }
            // the first id that has a value names the resource (an id left empty passes the role on)
            if (resourceId == null && field.resourceType() != null) {
                resourceType = field.resourceType();
                resourceId = value;
                continue;
            }
            if (field.actor()) {
                namedActor = value;
            }
            fields.add(field.name());
            if (value != null) {
                values.put(field.name(), value(value));
            }
        }
        if (resourceType != null) {
            Map<String, Object> resource = new TreeMap<>();
            resource.put("type", resourceType);
            resource.put("id", resourceId == null ? null : String.valueOf(resourceId));
            entry.put("resource", resource);
        }
        // the fields the change touched: named by the event when it says so, else the facts the event records
        entry.put("fields", changedFields != null ? changedFields : fields);
        entry.put("values", values);
        entry.put("actor", actor(event, resourceType, resourceId, namedActor));
        return entry;
    }

    /** What an event type's components are to the audit log, worked out once per type instead of once per event. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private record Shape(String simpleName, List<Field> fields) {

        /** A component: how to read it, and what it may be (resourceType is null unless it can name the resource). */
        record Field(String name, java.lang.reflect.Method accessor, boolean changedFields, String resourceType, boolean actor) {
            Object read(Record event) {
                try {
                    return accessor.invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + event.getClass().getName(), e);
                }
            }
        }

        String action(String module) {
            return module + "." + simpleName;
        }

        static Shape of(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = component.getName();
                java.lang.reflect.Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                fields.add(new Field(name, accessor, name.equals(CHANGED_FIELDS), isResourceId(name) ? resourceType(name) : null,
                        ACTOR_FIELDS.contains(name)));
            }
            return new Shape(type.getSimpleName(), List.copyOf(fields));
        }
    }

    private static boolean isResourceId(String name) {
        return (name.endsWith("Id") && !ACTOR_FIELDS.contains(name)) || name.equals("subject");
    }

    private static String resourceType(String name) {
        if (name.equals("subject")) {
            return "subject";
        }
        String base = name.substring(0, name.length() - 2);
        if (base.equals("key")) {
            return "api-key";
        }
        // requestId -> request, accountId -> account, serviceId -> service; camelCase to kebab-case
        return base.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Object value(Object value) {
        if (value instanceof Collection<?> collection) {
            Set<String> sorted = new TreeSet<>();
            collection.forEach(item -> sorted.add(String.valueOf(item)));
            return new ArrayList<>(sorted);
        }
        if (value instanceof Long || value instanceof Integer) {
            return value;
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> actor(Record event, String resourceType, Object resourceId, Object namedActor) {
        Map<String, Object> actor = new TreeMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)) {
            if (authentication.getPrincipal() instanceof SignedInUser user) {
                actor.put("kind", "account");
                actor.put("id", String.valueOf(user.accountId()));
                actor.put("roles", roles(authentication));
                actor.put("teams", user.teamIds().stream().map(UUID::toString).sorted().toList());
                return actor;
            }
            String name = authentication.getName();
            if (name != null && name.startsWith("api-key:")) {
                actor.put("kind", "api-client");
                actor.put("id", name.substring("api-key:".length()));
                return actor;
            }
        }
        if (namedActor != null) {
            actor.put("kind", "account");
            actor.put("id", String.valueOf(namedActor));
        } else if ("account".equals(resourceType) && resourceId != null && SELF_SERVICE.contains(event.getClass().getSimpleName())) {
            actor.put("kind", "account");
            actor.put("id", String.valueOf(resourceId));
        } else {
            actor.put("kind", MDC.get(REQUEST_ID) != null ? "anonymous" : "system");
        }
        return actor;
    }

    private static List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
    }
}
