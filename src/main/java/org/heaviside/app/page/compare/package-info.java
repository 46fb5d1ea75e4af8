/** The Compare page: the convex program against STE baselines over seeds, in charts and a table. */
package org.heaviside.app.page.compare;
