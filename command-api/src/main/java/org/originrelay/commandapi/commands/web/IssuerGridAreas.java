package org.originrelay.commandapi.commands.web;

import java.util.List;
import org.originrelay.commandapi.commands.GridAreaNotAllowed;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * An issuer issues only in the grid areas its token lists in the {@code grid_areas} claim (an array of
 * grid area codes, e.g. {@code ["DK1"]}); without the claim it may issue nowhere. Checked at the door,
 * before anything is stored or published.
 */
final class IssuerGridAreas {

    static final String CLAIM = "grid_areas";

    private IssuerGridAreas() {
    }

    /** @throws GridAreaNotAllowed unless the requester's token lists {@code gridArea} */
    static void check(Authentication requester, String gridArea) {
        List<String> allowed = requester instanceof JwtAuthenticationToken token
                ? token.getToken().getClaimAsStringList(CLAIM) : null;
        if (allowed == null || !allowed.contains(gridArea)) {
            throw new GridAreaNotAllowed(gridArea);
        }
    }
}
