package io.cutover.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and directory under a root with its size, modification time and SHA-256: two equal
 * trees mean nothing was written in between. A root that does not exist gives an empty tree.
 */
record FileTree(Map<String, String> entries) {
    static FileTree of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return new FileTree(entries);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                String key = root.relativize(p).toString();
                entries.put(
                        key.isEmpty() ? "." : key,
                        a.isDirectory()
                                ? "dir"
                                : a.size() + " bytes, modified " + a.lastModifiedTime() + ", sha256 " + sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileTree(entries);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
