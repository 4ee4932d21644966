package io.attain.events;

/** Where a record came from in a CRM: the system's name, its id for the record, and its own version. */
public record ExternalRef(String system, String id, Long version) {
}
