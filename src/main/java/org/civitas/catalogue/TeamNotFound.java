package org.civitas.catalogue;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No team has the code asked for. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class TeamNotFound extends RuntimeException {

    public TeamNotFound() {
        super("no such team");
    }
}
