/**
 * The command line: one small picocli class per subcommand, each returning an exit code
 * (0 success, 1 unexpected failure, 2 bad input). The only package that writes to the console.
 */
package org.heaviside.cli;
