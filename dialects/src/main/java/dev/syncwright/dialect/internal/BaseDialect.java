package dev.syncwright.dialect.internal;

import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.MetadataTables;
import dev.syncwright.dialect.TypeMapping;
import dev.syncwright.dialect.ValueCodec;
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
    private final Parts parts;

    /** The value-level parts: codec, type mapping, metadata-store tables, the jOOQ dialect. */
    public record Parts(ValueCodec codec, TypeMapping types, MetadataTables metadataTables, org.jooq.SQLDialect sqlDialect) {
    }

    protected BaseDialect(String id, DatabaseProduct product, Capabilities capabilities, SqlNames names, SchemaReader schema,
            TrackingSql tracking, TickStrategy ticks, Parts parts) {
        this.id = id;
        this.product = product;
        this.capabilities = capabilities;
        this.names = names;
        this.schema = schema;
        this.tracking = tracking;
        this.ticks = ticks;
        this.parts = parts;
    }

    @Override
    public final ValueCodec codec() {
        return parts.codec();
    }

    @Override
    public final TypeMapping types() {
        return parts.types();
    }

    @Override
    public final MetadataTables metadataTables() {
        return parts.metadataTables();
    }

    @Override
    public final org.jooq.SQLDialect sqlDialect() {
        return parts.sqlDialect();
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

    /** SQLState classes 22 (data exception), 23 (integrity constraint) and 44 (check option), anywhere in the chain. */
    @Override
    public boolean refusesRow(java.sql.SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException x) {
                String state = x.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("44"))) {
                    return true;
                }
                if (refusesRowByCode(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A vendor error code that refuses a row although its SQLState does not say so. */
    protected boolean refusesRowByCode(java.sql.SQLException e) {
        return false;
    }
}
