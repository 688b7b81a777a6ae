package org.civitas.identity.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No staff account has this id (a citizen's account is not one). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class StaffAccountNotFound extends RuntimeException {

    public StaffAccountNotFound() {
        super("no such staff account");
    }
}
