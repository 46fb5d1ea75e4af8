package org.heaviside.data;

/**
 * A repairable problem found in the data, shown to the user but not stopping the work.
 *
 * @param column the column it concerns, or null for the whole file
 * @param message one sentence saying what was found and what was done about it
 */
public record DataWarning(String column, String message) {
}
