package org.civitas.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller that renders pages. Its views get the page context (layout, messages, asset URLs) as
 * the model attribute {@code page}; controllers that answer with data ({@code @RestController}, the
 * APIs and Open311) do not, so they do not pay for building it and for Spring's model-attribute
 * machinery on every call.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
