package org.originrelay.commandapi.deadletters.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many messages an operation replayed or discarded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Outcome(Integer replayed, Integer discarded) {
}
