package org.civitas.platform;

import org.springframework.util.unit.DataSize;

/**
 * A module's claim that requests to some paths may carry a larger body than
 * {@code civitas.max-request-size} allows everywhere else, such as a photo upload. Contributed as
 * beans; every other path keeps the general limit.
 *
 * @param pathPattern a Spring path pattern, such as {@code /report/{service}/photo}
 * @param limit       the largest body accepted there
 */
public record LargerRequestBody(String pathPattern, DataSize limit) {
}
