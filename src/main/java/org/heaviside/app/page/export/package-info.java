/** The Export page: the model as JSON, ONNX or C with a verification, its cost profile, robustness and the report. */
package org.heaviside.app.page.export;
