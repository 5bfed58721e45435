/**
 * The {@code syncwright} command. {@link dev.syncwright.cli.Main} is the entry point; everything else
 * is package-private. Output conventions: results on stdout, one line per error on stderr (a stack
 * trace only with {@code --verbose}), exit codes in {@link dev.syncwright.cli.ExitCodes}, and no
 * password in any output.
 */
package dev.syncwright.cli;
