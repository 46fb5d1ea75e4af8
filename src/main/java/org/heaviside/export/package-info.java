/**
 * A trained model leaving the workbench: the checksummed model file, ONNX and C exports, the
 * inference cost profile and the exact robustness to sensor noise.
 */
package org.heaviside.export;
