package org.civitas.platform.web;

import org.civitas.platform.logging.RedactedFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.core.JacksonException;

/**
 * Turns failures inside {@code @RestController} handlers into RFC 9457 problem documents: Spring
 * MVC's own exceptions with their status, rejected input with an {@code errors} array naming each
 * field and rule, anything unexpected as a 500 that says nothing about the exception (which is
 * logged here, with its stack trace, but without the request body). Page controllers are left to
 * {@link ErrorPageController}.
 * <p>
 * Being a {@link ResponseEntityExceptionHandler} bean, it also stands Spring Boot's own problem
 * details handler down, which would otherwise answer page requests in JSON.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemDocuments problems;

    ApiExceptionHandler(ProblemDocuments problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception failure, WebRequest request) throws Exception {
        if (failure instanceof AccessDeniedException || failure instanceof AuthenticationException) {
            throw failure; // Spring Security answers these with 401 or 403
        }
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
        if (declared != null) {
            return problem(declared.code().value(), null, request, List.of());
        }
        HttpServletRequest servlet = servletRequest(request);
        log.error("Unexpected failure answering {} {}", servlet.getMethod(), servlet.getRequestURI(), RedactedFailure.of(failure));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR.value(), null, request, List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale(request);
        List<InputError> errors = new ArrayList<>();
        for (ObjectError error : failure.getBindingResult().getAllErrors()) {
            String field = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
            errors.add(inputError(field, error, locale));
        }
        return problem(status.value(), headers, request, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale(request);
        List<InputError> errors = new ArrayList<>();
        for (ParameterValidationResult result : failure.getParameterValidationResults()) {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                errors.add(inputError(field, error, locale));
            }
        }
        return problem(status.value(), headers, request, errors);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = failure.getParameterName();
        return problem(status.value(), headers, request,
                List.of(new InputError(field, "required", problems.ruleMessage(field, "required", locale(request)))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = failure.getPropertyName();
        if (field == null) {
            return problem(status.value(), headers, request, List.of());
        }
        return problem(status.value(), headers, request,
                List.of(new InputError(field, "type", problems.ruleMessage(field, "type", locale(request)))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = jsonPath(failure);
        if (field == null) {
            return problem(status.value(), headers, request, List.of());
        }
        return problem(status.value(), headers, request,
                List.of(new InputError(field, "format", problems.ruleMessage(field, "format", locale(request)))));
    }

    /** Every other Spring MVC exception ends here: same status, our own words. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return problem(status.value(), headers, request, List.of());
    }

    private ResponseEntity<Object> problem(int status, HttpHeaders headers, WebRequest request,
            List<InputError> errors) {
        HttpHeaders answer = new HttpHeaders();
        if (headers != null) {
            answer.addAll(headers);
        }
        answer.setContentType(ProblemDocuments.PROBLEM_JSON);
        HttpServletRequest servlet = servletRequest(request);
        String path = servlet.getRequestURI().substring(servlet.getContextPath().length());
        return new ResponseEntity<>(problems.problem(status, path, locale(request), errors), answer, status);
    }

    private InputError inputError(String field, MessageSourceResolvable error, Locale locale) {
        String rule = error.getCodes() == null || error.getCodes().length == 0
                ? "invalid" : error.getCodes()[error.getCodes().length - 1];
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        // The first argument of a bean validation error is the field itself; the rest are the
        // constraint's attributes in alphabetical order of their names.
        Object[] attributes = arguments.length > 0 && arguments[0] instanceof MessageSourceResolvable
                ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
        return new InputError(field, rule, problems.ruleMessage(field, rule, locale, attributes));
    }

    /** The JSON path of the value Jackson could not read, such as {@code items[2].name}. */
    private static String jsonPath(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(reference.getPropertyName());
                    }
                    else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : ErrorDetails.printable(path.toString());
            }
        }
        return null;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    private static Locale locale(WebRequest request) {
        return RequestContextUtils.getLocale(servletRequest(request));
    }
}
