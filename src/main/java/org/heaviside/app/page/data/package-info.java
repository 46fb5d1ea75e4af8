/** The Data page: open a plant CSV, adjust import settings, choose roles, target and split. */
package org.heaviside.app.page.data;
