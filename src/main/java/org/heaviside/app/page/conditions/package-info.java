/** The Conditions page: one card per condition of the guarantees, with a traffic-light verdict. */
package org.heaviside.app.page.conditions;
