package org.civitas.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Civitas is not a GOV.UK service, so it may not use the GDS Transport typeface: this takes the
 * typeface's {@code @font-face} rules and its name out of GOV.UK Frontend's style sheet, leaving
 * Arial or Helvetica, so no page asks for a font file. It also makes the style sheet's image
 * links relative, so that they resolve inside the webjar and get fingerprinted like everything
 * else.
 */
final class GovukStylesTransformer implements ResourceTransformer {

    private static final Pattern GDS_FONT_FACE =
            Pattern.compile("@font-face\\s*\\{[^}]*GDS Transport[^}]*}", Pattern.CASE_INSENSITIVE);
    private static final Pattern GDS_FONT_FAMILY =
            Pattern.compile("([\"']?)GDS Transport\\1\\s*,\\s*arial\\s*,\\s*sans-serif", Pattern.CASE_INSENSITIVE);
    private static final Pattern GDS_FONT_NAME =
            Pattern.compile("([\"']?)GDS Transport\\1\\s*,?", Pattern.CASE_INSENSITIVE);

    static final String FONT_FAMILY = "arial,helvetica,sans-serif";

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        Resource transformed = chain.transform(request, resource);
        String filename = transformed.getFilename();
        if (filename == null || !filename.endsWith(".css")) {
            return transformed;
        }
        String css = new String(transformed.getContentAsByteArray(), StandardCharsets.UTF_8);
        return new TransformedResource(transformed, withoutGdsTransport(css).getBytes(StandardCharsets.UTF_8));
    }

    static String withoutGdsTransport(String css) {
        String result = GDS_FONT_FACE.matcher(css).replaceAll("");
        result = GDS_FONT_FAMILY.matcher(result).replaceAll(FONT_FAMILY);
        result = GDS_FONT_NAME.matcher(result).replaceAll("");
        return result.replace("url(/assets/images/", "url(assets/images/");
    }
}
