package org.civitas.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.Languages;
import org.civitas.platform.PageController;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/** Puts a {@link PageContext} named {@code page} into the model of every page ({@link PageController}s only). */
@ControllerAdvice(annotations = PageController.class)
class PageContextAdvice {

    private final MessageSource messages;
    private final CivitasProperties properties;
    private final ResourceUrlProvider resourceUrls;
    private final Languages languages;

    PageContextAdvice(MessageSource messages, CivitasProperties properties, ResourceUrlProvider resourceUrls, Languages languages) {
        this.languages = languages;
        this.messages = messages;
        this.properties = properties;
        this.resourceUrls = resourceUrls;
    }

    @ModelAttribute("page")
    PageContext page(HttpServletRequest request) {
        return new PageContext(request, messages, properties, resourceUrls, languages);
    }
}
