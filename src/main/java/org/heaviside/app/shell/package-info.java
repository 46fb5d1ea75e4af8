/** The main window: navigation rail, menus, status bar, study files, recent files and language switching. */
package org.heaviside.app.shell;
