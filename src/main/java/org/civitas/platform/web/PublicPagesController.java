package org.civitas.platform.web;

import org.civitas.platform.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The two notices every public service must publish. The start page ({@code /}) is the requests
 * module's, because it lists the services; it is drawn with {@code platform/home.jte}.
 */
@PageController
class PublicPagesController {

    @GetMapping("/accessibility")
    String accessibility() {
        return "platform/accessibility";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "platform/privacy";
    }
}
