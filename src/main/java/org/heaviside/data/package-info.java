/**
 * Plant data: CSV sniffing and streaming import (Commons CSV), column roles, the serializable
 * preprocessing pipeline, seeded splits, and seeded synthetic generators.
 */
package org.heaviside.data;
