/**
 * The JavaFX workbench. Pages follow MVVM: a view model holds properties and commands and is the
 * only GUI class that calls the core; a page builds and binds controls.
 */
package org.heaviside.app;
