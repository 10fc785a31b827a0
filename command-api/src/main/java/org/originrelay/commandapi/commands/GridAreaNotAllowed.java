package org.originrelay.commandapi.commands;

/** The issuer's token does not list the grid area it tried to issue in (its {@code grid_areas} claim). */
public class GridAreaNotAllowed extends RuntimeException {

    public GridAreaNotAllowed(String gridArea) {
        super("your token's grid_areas claim does not include grid area " + gridArea);
    }
}
