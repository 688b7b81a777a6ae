package org.civitas.catalogue.service;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No service (or no such version of it) has the code asked for. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ServiceNotFound extends RuntimeException {

    public ServiceNotFound() {
        super("no such service");
    }
}
