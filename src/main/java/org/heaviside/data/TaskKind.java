package org.heaviside.data;

/** What is predicted. */
public enum TaskKind {
    /** Two or more labels; two classes are encoded +1/-1 with a named positive class. */
    CLASSIFICATION,
    /** A numeric target with many values. */
    REGRESSION;

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
