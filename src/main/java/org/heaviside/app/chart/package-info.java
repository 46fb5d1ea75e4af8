/** One factory for every workbench chart, so fonts, colours and number formats agree. */
package org.heaviside.app.chart;
