package io.attain.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reading the end of a child's log for error messages. */
final class LogFiles {
    private static final int TAIL_BYTES = 64 * 1024;

    /** The last {@code lines} lines of {@code logFile}, indented. */
    static String tail(Path logFile, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .map(line -> "    | " + line)
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "    (cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private LogFiles() {
    }
}
