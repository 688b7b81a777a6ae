package org.civitas.requests.contact;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When a requester's data is erased (on request or by retention), a private request's own words
 * and place go too. Requests made since issue 12 keep them only sealed, so the erased key already
 * took them; a request made before its service was private (or before issue 12) still holds them in
 * clear, and this clears them in the same transaction.
 */
final class PrivateRequestText {

    private PrivateRequestText() {
    }

    static void clear(JdbcClient jdbc, Collection<UUID> requestIds, UUID[] privateServices) {
        if (requestIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update requests.service_request
                        set description = null, lat = null, long = null, address_string = null, address_id = null, media_url = null
                        where id = any(?) and (private or service_id = any(?))
                          and (description is not null or lat is not null or address_string is not null or address_id is not null
                               or media_url is not null)""")
                .params(requestIds.toArray(UUID[]::new), privateServices).update();
    }
}
