package org.civitas.platform.web;

// TEMPORARY stand-in until the web layout work lands.
@org.springframework.web.bind.annotation.ControllerAdvice
class PageContextAdvice {
    private final org.springframework.context.MessageSource messages;
    private final org.civitas.platform.CivitasProperties properties;

    PageContextAdvice(org.springframework.context.MessageSource messages, org.civitas.platform.CivitasProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @org.springframework.web.bind.annotation.ModelAttribute("page")
    PageContext page(jakarta.servlet.http.HttpServletRequest request) {
        return new PageContext(messages, request, properties.bodyName());
    }
}
