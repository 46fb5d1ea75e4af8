/**
 * A trained model outside the workbench: JSON model files, ONNX and dependency-free C, and what a
 * deployment needs to know about it (cost profile, robustness to sensor noise).
 */
package org.heaviside.export;
