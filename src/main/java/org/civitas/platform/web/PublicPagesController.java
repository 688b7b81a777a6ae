package org.civitas.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The body's start page and the two notices every public service must publish. */
@Controller
class PublicPagesController {

    /** The start page; after signing out (the sign-out flow lands on {@code /?signed-out}) it says so. */
    @GetMapping("/")
    String home(@RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        model.addAttribute("signedOut", signedOut != null);
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
