/** The Train page: convex training in the background with a live convergence chart and its result. */
package org.heaviside.app.page.train;
