/**
 * What every page and the shell share: the translated strings ({@link org.heaviside.app.ui.Messages}) and the
 * {@link org.heaviside.app.ui.Page} contract (with {@link org.heaviside.app.ui.ModelPage}, a page over one view
 * model), so that the shell depends on the pages and never the reverse.
 */
package org.heaviside.app.ui;
