package dev.syncwright.tracking;

import dev.syncwright.dialect.SchemaException;

/** A scope cannot be provisioned or deprovisioned as asked; the message names the scope or table. */
public class ProvisioningException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }
}
