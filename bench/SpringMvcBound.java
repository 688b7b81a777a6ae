import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The ceiling's transaction behind embedded Tomcat and Spring MVC, from the same libraries as Civitas's
 * jar: a {@code @RestController} that reads the form through the servlet API, does the work, and answers
 * fixed JSON. No servlet filters, no security, no sessions, no observations, no validation, none of
 * Civitas's work: what the web stack Civitas is built on reaches on this machine before Civitas adds
 * anything. Runs in the load generator's JVM, like {@code BareServer}.
 */
final class SpringMvcBound implements AutoCloseable {

    static final byte[] ANSWER = "[{\"service_request_id\":\"RBC-7K3M-9Q2P\",\"service_notice\":null,\"account_id\":null}]"
            .getBytes(StandardCharsets.UTF_8);

    /** Tomcat logs through java.util.logging; held here, as the JDK keeps loggers only weakly. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private final AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();

    SpringMvcBound(Load.Work work, int clients) {
        quietLogging();
        context.registerBean(Load.Work.class, () -> work);
        // the ceiling's work keeps a JDBC connection per thread, one per client: no more threads than clients
        context.registerBean(TomcatServletWebServerFactory.class, () -> {
            TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(0);
            tomcat.setAddress(InetAddress.getLoopbackAddress());
            tomcat.addConnectorCustomizers(connector -> {
                AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
                protocol.setMaxThreads(clients);
                protocol.setMinSpareThreads(Math.min(10, clients));
            });
            return tomcat;
        });
        context.register(Mvc.class, Handler.class);
        context.refresh();
    }

    int port() {
        return context.getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Logback with no configuration logs everything at DEBUG: the bound would measure its own logging. */
    private static void quietLogging() {
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {

        @Bean
        DispatcherServlet dispatcherServlet() {
            return new DispatcherServlet();
        }

        @Bean
        DispatcherServletRegistrationBean dispatcherServletRegistration(DispatcherServlet servlet) {
            return new DispatcherServletRegistrationBean(servlet, "/");
        }
    }

    @RestController
    static class Handler {

        private final Load.Work work;

        Handler(Load.Work work) {
            this.work = work;
        }

        @PostMapping(path = "/open311/v2/requests.json", produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<byte[]> submit(HttpServletRequest request) throws Exception {
            if (request.getParameter("service_code") == null) {
                return ResponseEntity.badRequest().build();
            }
            work.once();
            return ResponseEntity.ok(ANSWER);
        }
    }
}
