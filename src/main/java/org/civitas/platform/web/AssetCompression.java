package org.civitas.platform.web;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Compresses style sheets, scripts and SVG images, so a first visit downloads about a fifth of
 * GOV.UK Frontend's size and the page weight budget (200 KB) keeps its headroom. Pages themselves
 * are left alone: they carry CSRF tokens and are small. A deployer who configures
 * {@code server.compression} decides instead.
 */
@Component
class AssetCompression implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    static final String[] ASSET_TYPES = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"};

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Spring Boot has applied server.compression
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        Compression configured = factory.getCompression();
        if (configured != null && configured.getEnabled()) {
            return;
        }
        Compression compression = new Compression();
        compression.setEnabled(true);
        compression.setMimeTypes(ASSET_TYPES);
        compression.setMinResponseSize(DataSize.ofKilobytes(1));
        factory.setCompression(compression);
    }
}
