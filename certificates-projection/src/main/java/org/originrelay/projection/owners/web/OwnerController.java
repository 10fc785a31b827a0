package org.originrelay.projection.owners.web;

import org.originrelay.projection.owners.KnownOwners;
import org.originrelay.projection.owners.KnownOwners.OwnerStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Whether an owner is a user the identity system knows (and has not deleted). */
@RestController
class OwnerController {

    private final KnownOwners owners;

    OwnerController(KnownOwners owners) {
        this.owners = owners;
    }

    @GetMapping("/api/v1/owners/{owner}")
    OwnerStatus owner(@PathVariable String owner) {
        return owners.status(owner);
    }
}
