package dev.syncwright.dialect.internal;

import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;

/** The parts every dialect is made of; a dialect adds only what differs (trigger suppression). */
public abstract class BaseDialect implements Dialect {
    private final String id;
    private final DatabaseProduct product;
    private final Capabilities capabilities;
    private final SqlNames names;
    private final SchemaReader schema;
    private final TrackingSql tracking;
    private final TickStrategy ticks;

    protected BaseDialect(String id, DatabaseProduct product, Capabilities capabilities, SqlNames names, SchemaReader schema,
            TrackingSql tracking, TickStrategy ticks) {
        this.id = id;
        this.product = product;
        this.capabilities = capabilities;
        this.names = names;
        this.schema = schema;
        this.tracking = tracking;
        this.ticks = ticks;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final DatabaseProduct product() {
        return product;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public final SqlNames names() {
        return names;
    }

    @Override
    public final SchemaReader schema() {
        return schema;
    }

    @Override
    public final TrackingSql tracking() {
        return tracking;
    }

    @Override
    public final TickStrategy ticks() {
        return ticks;
    }
}
