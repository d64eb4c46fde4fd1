package dev.rivulet.shipping;

import dev.rivulet.FlowDefinitionException;

/**
 * A flow cannot be shipped to worker processes: a lambda whose type is not serializable, a
 * notebook variable whose value cannot be serialized, or a notebook class whose bytes are not
 * available. Thrown before anything starts; the message names the step and the variable.
 */
public final class ShippingException extends FlowDefinitionException {
    private static final long serialVersionUID = 1L;

    public ShippingException(String message, Throwable cause) {
        super(message, cause);
    }
}
