package org.originrelay.projection.certificates.web;

import java.util.List;
import java.util.UUID;
import org.originrelay.projection.certificates.CertificateQueries;
import org.originrelay.projection.certificates.CertificateQueries.CertificateDetails;
import org.originrelay.projection.certificates.CertificateQueries.OwnedSlice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read API. A malformed id is a 400 and an unknown one a 404, both as problem+json. */
@RestController
@RequestMapping("/api/v1")
class CertificateController {

    private final CertificateQueries queries;

    CertificateController(CertificateQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/certificates/{certificateId}")
    CertificateDetails certificate(@PathVariable UUID certificateId) {
        return queries.certificate(certificateId).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "no certificate " + certificateId + " (unknown, or the registry has not accepted it yet)"),
                null));
    }

    @GetMapping("/owners/{owner}/slices")
    List<OwnedSlice> slicesOf(@PathVariable String owner) {
        return queries.slicesOf(owner);
    }
}
