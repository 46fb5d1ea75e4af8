/**
 * The JavaFX workbench. Pages follow MVVM: a view model holds properties and commands and is the
 * only GUI class that calls the core; a page builds and binds controls. View models share one
 * study model ({@code app.study}) and never reference each other; the shell ({@code app.shell}) builds the pages.
 */
package org.heaviside.app;
