package org.civitas.requests;

import java.util.UUID;

/** A resident uploaded a photo for a report; it is stored without its metadata. Carries no image. */
public record PhotoUploaded(UUID photoId) {
}
