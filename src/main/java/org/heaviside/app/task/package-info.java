/** Background work for the workbench: a daemon executor and adapters from core callbacks to Tasks. */
package org.heaviside.app.task;
