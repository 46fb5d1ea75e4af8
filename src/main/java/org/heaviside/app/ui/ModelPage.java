package org.heaviside.app.ui;

/**
 * A page over one view model: its title is a message key, read in the current language, and
 * {@link #dispose()} releases the view model (which cancels its services).
 */
public abstract class ModelPage implements Page {

    private final String titleKey;
    private final Runnable release;

    /**
     * @param titleKey the message key of the title
     * @param release  what disposing the page does, such as {@code model::dispose}
     */
    protected ModelPage(String titleKey, Runnable release) {
        this.titleKey = titleKey;
        this.release = release;
    }

    @Override
    public final String title() {
        return Messages.get(titleKey);
    }

    @Override
    public final void dispose() {
        release.run();
    }
}
