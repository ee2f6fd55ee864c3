package org.vertebroplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR}, the folder a command writes a whole case or package into ({@code phantom}, {@code guide}). */
final class OutDirOption {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path dir;
}
