package org.civitas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Photos as residents' phones make them, for upload tests. */
public final class TestPhotos {

    /** Text inside the EXIF segment of {@link #jpegWithGps()}: it must never come back out. */
    public static final String GPS_MARK = "CIVITAS-GPS-51.50722N-0.12750W";

    private TestPhotos() {
    }

    /** A JPEG carrying an EXIF segment with a GPS position, as a phone camera writes it. */
    public static byte[] jpegWithGps() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLACK);
        g.fillOval(20, 14, 24, 18);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        exif.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0}); // TIFF header, an empty IFD
        exif.writeBytes(("GPSLatitude " + GPS_MARK + " Make PhoneCam Model X1").getBytes(StandardCharsets.ISO_8859_1));
        byte[] payload = exif.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        byte[] withExif = out.toByteArray();
        assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains(GPS_MARK);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(withExif))).as("still a readable JPEG").isNotNull();
        return withExif;
    }

}
