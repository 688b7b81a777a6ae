package org.civitas.requests.photos;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.PhotoUploaded;
import org.civitas.trust.PersonalData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Photos residents add to a report, kept in PostgreSQL so that any node serves them. An upload is
 * accepted only if its bytes are a JPEG or PNG image that decodes; it is then drawn again and
 * re-encoded, so whatever rode along in the file (EXIF with GPS position and camera, comments, ICC
 * profiles, trailing data) is gone. Staff pages list a case's photos with {@link #ofRequest(UUID)}
 * and link to {@link Photo#url()}; the address checks who asks.
 */
@Component
public class Photos {

    /** The largest upload accepted. */
    public static final DataSize MAX_SIZE = DataSize.ofMegabytes(8);
    /** Larger images are scaled down to this many pixels on their longer side: enough to see a pothole. */
    static final int MAX_SIDE = 2400;
    /** Refused before decoding, so a small file that would unpack into a huge image cannot exhaust memory. */
    static final long MAX_PIXELS = 50_000_000L;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PersonalData vault;

    /** The field a private request's photo is sealed for (base64 of the image), under the requester's subject. */
    public static final String BYTES_FIELD = "requests.photo.bytes";

    Photos(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, PersonalData vault) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A stored photo, without its bytes. */
    public record Photo(UUID id, String contentType, int width, int height, Instant uploadedAt) {

        /** Where the photo is served to those who may see it. */
        public String url() {
            return "/photos/" + id;
        }
    }

    /** A photo's bytes, ready to send. */
    public record Image(UUID id, UUID requestId, String contentType, byte[] bytes) {
    }

    /**
     * Checks and re-encodes an upload and keeps it for the report being made ({@code journeyId}),
     * replacing the one it had. Bad input is refused naming {@code field}; nothing is written then.
     */
    @Transactional
    public Photo store(UUID journeyId, byte[] upload, String field) {
        Encoded encoded = reencode(upload, field);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("delete from requests.photo where journey_id = ? and request_id is null").param(journeyId).update();
        jdbc.sql("""
                        insert into requests.photo (id, journey_id, content_type, width, height, bytes, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, journeyId, encoded.contentType(), encoded.width(), encoded.height(), encoded.bytes(), Timestamp.from(now))
                .update();
        events.publishEvent(new PhotoUploaded(id));
        return new Photo(id, encoded.contentType(), encoded.width(), encoded.height(), now);
    }

    /** Forgets the photo of a report being made. */
    @Transactional
    public void removeFromJourney(UUID journeyId) {
        jdbc.sql("delete from requests.photo where journey_id = ? and request_id is null").param(journeyId).update();
    }

    /**
     * Gives the report's photo to the request it became (called in the request's own transaction).
     * A private request's photo is sealed for its requester there: it then goes with their data.
     */
    @Transactional
    public void attach(UUID journeyId, UUID requestId) {
        record Owner(boolean isPrivate, UUID subject) {
        }
        Owner owner = jdbc.sql("select private as is_private, requester_subject as subject from requests.service_request where id = ?")
                .param(requestId).query((rs, n) -> new Owner(rs.getBoolean("is_private"), rs.getObject("subject", UUID.class)))
                .optional().orElse(new Owner(false, null));
        if (owner.isPrivate() && owner.subject() != null) {
            record Unsealed(UUID id, byte[] bytes) {
            }
            for (Unsealed photo : jdbc.sql("select id, bytes from requests.photo where journey_id = ? and request_id is null for update")
                    .param(journeyId).query((rs, n) -> new Unsealed(rs.getObject("id", UUID.class), rs.getBytes("bytes"))).list()) {
                byte[] sealed = vault.seal(owner.subject(), BYTES_FIELD, java.util.Base64.getEncoder().encodeToString(photo.bytes()));
                jdbc.sql("update requests.photo set request_id = ?, bytes = ?, sealed_subject = ? where id = ?")
                        .params(requestId, sealed, owner.subject(), photo.id()).update();
            }
            return;
        }
        jdbc.sql("update requests.photo set request_id = ? where journey_id = ? and request_id is null")
                .params(requestId, journeyId).update();
    }

    /** A case's photos, oldest first: for staff pages. */
    @Transactional(readOnly = true)
    public List<Photo> ofRequest(UUID requestId) {
        return jdbc.sql("select id, content_type, width, height, uploaded_at from requests.photo where request_id = ? order by uploaded_at, id")
                .param(requestId)
                .query((rs, n) -> new Photo(rs.getObject("id", UUID.class), rs.getString("content_type"), rs.getInt("width"),
                        rs.getInt("height"), rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    /** The photo of a report being made, if it has one. */
    @Transactional(readOnly = true)
    public Optional<Photo> ofJourney(UUID journeyId) {
        return jdbc.sql("select id, content_type, width, height, uploaded_at from requests.photo where journey_id = ? and request_id is null")
                .param(journeyId)
                .query((rs, n) -> new Photo(rs.getObject("id", UUID.class), rs.getString("content_type"), rs.getInt("width"),
                        rs.getInt("height"), rs.getTimestamp("uploaded_at").toInstant()))
                .optional();
    }

    /**
     * The photo's bytes; whoever calls decides first whether the asker may see it. A sealed photo
     * (of a private request) is opened; once its requester's data is erased it is gone (empty).
     */
    @Transactional(readOnly = true)
    public Optional<Image> image(UUID id) {
        return jdbc.sql("select id, request_id, content_type, bytes, sealed_subject from requests.photo where id = ?").param(id)
                .query((rs, n) -> {
                    UUID subject = rs.getObject("sealed_subject", UUID.class);
                    byte[] bytes = rs.getBytes("bytes");
                    UUID photoId = rs.getObject("id", UUID.class);
                    UUID requestId = rs.getObject("request_id", UUID.class);
                    String contentType = rs.getString("content_type");
                    Optional<byte[]> opened = subject == null ? Optional.of(bytes)
                            : vault.open(subject, BYTES_FIELD, bytes).map(java.util.Base64.getDecoder()::decode);
                    return opened.map(clear -> new Image(photoId, requestId, contentType, clear));
                })
                .optional().flatMap(image -> image);
    }

    record Encoded(String contentType, int width, int height, byte[] bytes) {
    }

    /** Decodes the upload (JPEG or PNG, judged by its bytes, never by its name or declared type) and draws it anew. */
    static Encoded reencode(byte[] upload, String field) {
        if (upload == null || upload.length == 0) {
            throw new InvalidInput(List.of(new Violation(field, "requests.photo.empty")));
        }
        if (upload.length > MAX_SIZE.toBytes()) {
            throw new InvalidInput(List.of(new Violation(field, "requests.photo.size")));
        }
        boolean png = upload.length > 8 && (upload[0] & 0xff) == 0x89 && upload[1] == 'P' && upload[2] == 'N' && upload[3] == 'G';
        boolean jpeg = upload.length > 3 && (upload[0] & 0xff) == 0xFF && (upload[1] & 0xff) == 0xD8 && (upload[2] & 0xff) == 0xFF;
        if (!png && !jpeg) {
            throw new InvalidInput(List.of(new Violation(field, "requests.photo.type")));
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(png ? "png" : "jpeg");
            if (in == null || !readers.hasNext()) {
                throw new InvalidInput(List.of(new Violation(field, "requests.photo.type")));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // metadata is never read, let alone kept
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new InvalidInput(List.of(new Violation(field, "requests.photo.dimensions")));
                }
                image = reader.read(0);
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw new InvalidInput(List.of(new Violation(field, "requests.photo.unreadable")));
        }
        if (image == null) {
            throw new InvalidInput(List.of(new Violation(field, "requests.photo.unreadable")));
        }
        BufferedImage drawn = redraw(image, png);
        byte[] bytes = png ? writePng(drawn) : writeJpeg(drawn);
        return new Encoded(png ? "image/png" : "image/jpeg", drawn.getWidth(), drawn.getHeight(), bytes);
    }

    private static BufferedImage redraw(BufferedImage image, boolean keepAlpha) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage drawn = new BufferedImage(width, height, keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = drawn.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (!keepAlpha) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(image, 0, 0, width, height, null);
        }
        finally {
            g.dispose();
        }
        return drawn;
    }

    private static byte[] writePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new IllegalStateException("could not encode a PNG", e);
        }
    }

    private static byte[] writeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param); // no metadata: a bare JFIF file
        }
        catch (IOException e) {
            throw new IllegalStateException("could not encode a JPEG", e);
        }
        finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
