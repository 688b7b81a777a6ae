package org.civitas.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.civitas.platform.EndpointAccess;
import org.civitas.platform.SignedInUser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the web tests add to the application: endpoints under {@code /test-only/} (pages) and
 * {@code /api/test-only/} (API) that fail on purpose or record what reached them, open to anyone.
 * <p>
 * Every web and browser test imports exactly this class, so they share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({WebTestSupport.TestPages.class, WebTestSupport.TestApi.class})
public class WebTestSupport {

    /** The test endpoints are open to anyone, like the platform's own public pages. */
    @Bean
    EndpointAccess testOnlyEndpoints() {
        return endpoints -> endpoints.requestMatchers("/test-only/**", "/api/test-only/**").permitAll();
    }

    /**
     * The test-only endpoints have no form to carry a CSRF token, so CSRF is off for them alone.
     * Access rules come from the EndpointAccess bean above, applied by the real security chain.
     */
    @Bean
    Customizer<HttpSecurity> csrfOffForTestOnlyEndpoints() {
        return http -> http.csrf(csrf -> csrf.ignoringRequestMatchers("/test-only/**", "/api/test-only/**"));
    }

    @Bean
    Recorder recorder() {
        return new Recorder();
    }

    /** What reached the test handlers: a handler that never ran wrote nothing. */
    public static final class Recorder {

        private final AtomicInteger calls = new AtomicInteger();
        private final List<Map<String, String[]>> forms = new CopyOnWriteArrayList<>();

        void called(Map<String, String[]> form) {
            calls.incrementAndGet();
            if (form != null) {
                forms.add(Map.copyOf(form));
            }
        }

        public int calls() {
            return calls.get();
        }

        public Map<String, String[]> lastForm() {
            return forms.isEmpty() ? null : forms.get(forms.size() - 1);
        }

        public void reset() {
            calls.set(0);
            forms.clear();
        }
    }

    @org.civitas.platform.PageController
    static class TestPages {

        private final Recorder recorder;

        TestPages(Recorder recorder) {
            this.recorder = recorder;
        }

        @GetMapping("/test-only/status/{status}")
        void status(@PathVariable int status, HttpServletResponse response) throws IOException {
            response.sendError(status);
        }

        @GetMapping("/test-only/failure")
        String failure() {
            throw new IllegalStateException("secret detail of a page failure");
        }

        @PostMapping(path = "/test-only/form", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        ResponseEntity<Void> form(@RequestParam Map<String, String> ignored, jakarta.servlet.http.HttpServletRequest request) {
            recorder.called(request.getParameterMap());
            return ResponseEntity.noContent().build();
        }

        @PostMapping(path = "/test-only/multipart", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
        ResponseEntity<Void> multipart(jakarta.servlet.http.HttpServletRequest request) {
            recorder.called(request.getParameterMap());
            return ResponseEntity.noContent().build();
        }

        @PostMapping(path = "/test-only/json", consumes = MediaType.APPLICATION_JSON_VALUE)
        @ResponseBody
        String json(@RequestBody String body) {
            recorder.called(null);
            return "ok";
        }

        /** The start page as a signed-in person sees it (the identity module signs people in for real). */
        @GetMapping("/test-only/signed-in")
        String signedIn(@RequestParam(defaultValue = "false") boolean staff) {
            SignedInUser person = new TestPerson(java.util.UUID.randomUUID(), "Ann Example", staff);
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                    org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                            person, null, List.of()));
            return "platform/home";
        }

        @GetMapping("/test-only/search")
        ResponseEntity<Void> search(jakarta.servlet.http.HttpServletRequest request) {
            recorder.called(request.getParameterMap());
            return ResponseEntity.noContent().build();
        }
    }

    record TestPerson(java.util.UUID accountId, String displayName, boolean staff) implements SignedInUser {
    }

    @RestController
    static class TestApi {

        private final Recorder recorder;

        TestApi(Recorder recorder) {
            this.recorder = recorder;
        }

        record Sample(@NotBlank String name, @Size(max = 5) String code, Integer count) {
        }

        @PostMapping(path = "/api/test-only/samples", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> create(@Valid @RequestBody Sample sample) {
            recorder.called(null);
            return Map.of("name", sample.name());
        }

        @PostMapping(path = "/api/test-only/form", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        Map<String, Object> form(jakarta.servlet.http.HttpServletRequest request) {
            recorder.called(request.getParameterMap());
            return Map.of("ok", true);
        }

        @GetMapping("/api/test-only/status/{status}")
        void status(@PathVariable int status) {
            throw new ResponseStatusException(HttpStatus.valueOf(status), "secret reason " + status);
        }

        @GetMapping("/api/test-only/failure")
        void failure() {
            throw new IllegalStateException("secret detail of an API failure");
        }

        @GetMapping("/api/test-only/count")
        Map<String, Object> count(@RequestParam int n) {
            return Map.of("n", n);
        }
    }
}
