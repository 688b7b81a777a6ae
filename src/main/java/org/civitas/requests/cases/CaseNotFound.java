package org.civitas.requests.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No case has this reference, or the caller may not see it: the answer is the same, so nothing is revealed. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CaseNotFound extends RuntimeException {

    public CaseNotFound() {
        super("no such case");
    }
}
