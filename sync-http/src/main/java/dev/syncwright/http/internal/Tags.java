package dev.syncwright.http.internal;

/** The type tags of values on the wire (docs/protocol.md). Never renumbered: a tag is part of the protocol. */
final class Tags {
    static final byte NULL = 0;
    static final byte LONG = 1;
    static final byte STRING = 2;
    static final byte DECIMAL = 3;
    static final byte DOUBLE = 4;
    static final byte FLOAT = 5;
    static final byte FALSE = 6;
    static final byte TRUE = 7;
    static final byte BYTES = 8;
    static final byte UUID = 9;
    static final byte DATE = 10;
    static final byte TIME = 11;
    static final byte TIMESTAMP = 12;
    static final byte TIMESTAMPTZ = 13;

    private Tags() {
    }
}
