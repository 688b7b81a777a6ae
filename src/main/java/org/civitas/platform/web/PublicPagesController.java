package org.civitas.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The body's start page and the two notices every public service must publish. */
@Controller
class PublicPagesController {

    @GetMapping("/")
    String home() {
        return "platform/home";
    }

    @GetMapping("/accessibility")
    String accessibility() {
        return "platform/accessibility";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "platform/privacy";
    }
}
