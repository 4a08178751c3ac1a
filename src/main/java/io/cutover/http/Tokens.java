package io.cutover.http;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the server accepts, from a file of lines {@code NAME ROLE TOKEN} ('#' starts a
 * comment). When the file does not exist it is created, readable by its owner only, with one
 * operator and one viewer token.
 */
public final class Tokens {
    private final Map<String, Principal> byToken;

    private Tokens(Map<String, Principal> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    /** Reads the file, or creates it with fresh tokens (mode 0600) when it is missing. */
    public static Tokens loadOrCreate(Path file, SecureRandom random) {
        if (!Files.exists(file)) {
            create(file, random);
        }
        return load(file);
    }

    static Tokens load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        }
        Map<String, Principal> byToken = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = file + ":" + (i + 1);
            if (f.length != 3) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, where + ": expected NAME ROLE TOKEN, got " + f.length + " field(s)");
            }
            Role role;
            try {
                role = Role.valueOf(f[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, where + ": role '" + f[1] + "' is neither operator nor viewer");
            }
            if (f[2].length() < 16) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, where + ": the token of " + f[0] + " is shorter than 16 characters");
            }
            if (byToken.put(f[2], new Principal(f[0], role)) != null) {
                throw new CutoverException(ErrorCode.BAD_INPUT, where + ": the token of " + f[0] + " is used twice");
            }
        }
        if (byToken.isEmpty()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": no tokens");
        }
        return new Tokens(byToken);
    }

    private static void create(Path file, SecureRandom random) {
        String text = "# cutover serve: NAME ROLE TOKEN per line; roles: operator (acts), viewer (reads)\n"
                + "operator operator " + fresh(random) + "\n"
                + "viewer viewer " + fresh(random) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Created with its final permissions, so the tokens are never readable by others,
            // not even for an instant.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            // Another server created it first: use theirs.
        } catch (UnsupportedOperationException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    file + ": the file system has no POSIX permissions; give a token file with --tokens");
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot create " + file + ": " + e.getMessage());
        }
    }

    private static String fresh(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The principal of a token; compared in constant time so timing says nothing about tokens. */
    Optional<Principal> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        Principal found = null;
        for (Map.Entry<String, Principal> e : byToken.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The token of the first principal with this role, for the server's start-up message. */
    public List<String> namesOf(Role role) {
        List<String> names = new ArrayList<>();
        byToken.values().forEach(p -> {
            if (p.role() == role) {
                names.add(p.name());
            }
        });
        return names;
    }
}
