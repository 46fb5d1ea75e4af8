package org.heaviside.app.ui;

import javafx.scene.Node;

/** A page of the workbench shown in the main window. */
public interface Page {

    /** The title shown in the navigation rail. */
    String title();

    /** The page's root node. */
    Node view();

    /** Cancels the page's running work and releases its resources. */
    void dispose();
}
