package org.heaviside.cli;

import java.util.Locale;

/** {@code --costs missed=5000,false-alarm=200}: the plant's costs, the same numbers the ROI sheet asks for. */
final class Costs {

    private Costs() {
    }

    /** {missed, false alarm}; {0, 0} when not given. */
    static double[] parse(String text) {
        double[] costs = new double[2];
        if (text == null || text.isBlank()) {
            return costs;
        }
        for (String part : text.split(",")) {
            String[] pair = part.split("=", 2);
            String name = pair[0].trim().toLowerCase(Locale.ROOT);
            int index = switch (name) {
                case "missed" -> 0;
                case "false-alarm", "falsealarm", "false_alarm" -> 1;
                default -> throw new IllegalArgumentException("--costs takes missed=C,false-alarm=C; '" + pair[0].trim()
                        + "' is not one of them.");
            };
            try {
                costs[index] = Double.parseDouble(pair.length == 2 ? pair[1].trim() : "");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--costs: '" + part.trim() + "' needs a number after '='.");
            }
            if (!(costs[index] >= 0) || Double.isInfinite(costs[index])) {
                throw new IllegalArgumentException("--costs: the cost in '" + part.trim()
                        + "' must be zero or a positive number.");
            }
        }
        return costs;
    }
}
