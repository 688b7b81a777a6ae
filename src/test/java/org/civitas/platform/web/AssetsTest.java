package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.util.DigestUtils;

/** Static assets: fingerprinted, cached for a year, GOV.UK Frontend without GDS Transport. */
@CivitasTest
@Import(WebTestSupport.class)
class AssetsTest {

    static final Pattern FINGERPRINTED = Pattern.compile("-([0-9a-f]{32})\\.(css|js|svg|png|ico)$");
    static final Pattern ASSET_LINK = Pattern.compile("(?:href|src|data-govuk-frontend)=\"(/assets/[^\"]+)\"");

    @LocalServerPort
    int port;

    WebClient web;

    @BeforeEach
    void client() {
        web = new WebClient(port);
    }

    @Test
    void everyAssetOnAPageIsFingerprintedAndCachedForAYear() {
        List<String> assets = assetsOf(web.get("/").body());

        assertThat(assets).hasSize(5).anySatisfy(path -> assertThat(path).startsWith("/assets/govuk/govuk-frontend.min-"))
                .anySatisfy(path -> assertThat(path).startsWith("/assets/civitas-"));
        for (String path : assets) {
            assertThat(path).containsPattern(FINGERPRINTED);
            HttpResponse<byte[]> response = web.getBytes(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).as(path)
                    .hasValue("max-age=31536000, public, immutable");
        }
    }

    @Test
    void theFingerprintIsAHashOfTheContent() {
        String css = assetsOf(web.get("/").body()).stream().filter(path -> path.startsWith("/assets/civitas-")
                && path.endsWith(".css")).findFirst().orElseThrow();
        Matcher hash = FINGERPRINTED.matcher(css);
        assertThat(hash.find()).isTrue();

        byte[] content = web.getBytes(css).body();

        assertThat(DigestUtils.md5DigestAsHex(content)).isEqualTo(hash.group(1));
        assertThat(web.getBytes(css.replace(hash.group(1), "0".repeat(32))).statusCode())
                .as("a stale fingerprint is not served").isEqualTo(404);
    }

    @Test
    void typesAreRight() {
        for (String path : assetsOf(web.get("/").body())) {
            String type = web.getBytes(path).headers().firstValue("Content-Type").orElse("");
            if (path.endsWith(".css")) {
                assertThat(type).as(path).startsWith("text/css");
            }
            else if (path.endsWith(".js")) {
                assertThat(type).as(path).startsWith("text/javascript");
            }
            else if (path.endsWith(".svg")) {
                assertThat(type).as(path).startsWith("image/svg+xml");
            }
        }
    }

    @Test
    void govukStylesHaveNoGdsTransportAndAskForNoFont() {
        String path = govukStylesheet();
        String css = new String(web.getBytes(path).body(), StandardCharsets.UTF_8);

        assertThat(css).startsWith("@charset \"UTF-8\";")
                .doesNotContainIgnoringCase("GDS Transport")
                .doesNotContain("@font-face", "/fonts/", ".woff")
                .contains("font-family:arial,helvetica,sans-serif");
    }

    @Test
    void imagesTheStylesNeedAreFingerprintedAndServed() {
        String path = govukStylesheet();
        String css = new String(web.getBytes(path).body(), StandardCharsets.UTF_8);
        Matcher url = Pattern.compile("url\\(([^)]+)\\)").matcher(css);
        List<String> links = new ArrayList<>();
        while (url.find()) {
            links.add(url.group(1).replace("\"", ""));
        }

        assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link)
                .startsWith("/assets/govuk/assets/images/").containsPattern(FINGERPRINTED));
        for (String link : links) {
            HttpResponse<byte[]> image = web.getBytes(link);
            assertThat(image.statusCode()).as(link).isEqualTo(200);
        }
    }

    @Test
    void stylesAndScriptsAreCompressedForBrowsersThatAsk() {
        for (String path : assetsOf(web.get("/").body())) {
            if (path.endsWith(".css") && path.contains("govuk") || path.endsWith(".js") && path.contains("govuk")) {
                HttpResponse<byte[]> response = web.getBytes(path, "Accept-Encoding", "gzip");
                assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
                assertThat(response.headers().allValues("Vary")).as(path).anySatisfy(vary -> assertThat(vary).containsIgnoringCase("accept-encoding"));
                assertThat(response.body().length).as(path).isLessThan(20 * 1024);
            }
        }
        assertThat(web.getBytes("/", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding"))
                .as("pages carry CSRF tokens: not compressed").isEmpty();
    }

    @Test
    void theFaviconIsARealIcon() {
        HttpResponse<byte[]> response = web.getBytes("/favicon.ico");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).isIn("image/x-icon", "image/vnd.microsoft.icon"));
        assertThat(response.body()).startsWith(0, 0, 1, 0).hasSizeLessThan(4096);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=86400, public");
    }

    @Test
    void theStartPageWeighsUnder200KilobytesOnFirstLoad() {
        String html = web.get("/").body();
        long total = html.getBytes(StandardCharsets.UTF_8).length + web.getBytes("/favicon.ico").body().length;
        for (String path : assetsOf(html)) {
            total += web.getBytes(path).body().length;
        }

        assertThat(total).isLessThan(200 * 1024);
    }

    private String govukStylesheet() {
        return assetsOf(web.get("/").body()).stream()
                .filter(path -> path.startsWith("/assets/govuk/") && path.endsWith(".css")).findFirst().orElseThrow();
    }

    static List<String> assetsOf(String html) {
        List<String> paths = new ArrayList<>();
        Matcher link = ASSET_LINK.matcher(html);
        while (link.find()) {
            paths.add(link.group(1));
        }
        return paths;
    }
}
