/** The main window: navigation rail, menus, status bar, and the {@link org.heaviside.app.shell.Page} contract. */
package org.heaviside.app.shell;
