package io.attain.support;

import io.attain.events.Money;

/** Event data of the tests' imaginary aggregate, a "thing". */
public record ThingChanged(String thingId, Money price, String status) {
}
