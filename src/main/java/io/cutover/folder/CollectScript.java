package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The PowerShell script that collects a real deployment's inventory folder (a resource, printed as is). */
public final class CollectScript {
    private CollectScript() {}

    public static String text() {
        try (InputStream in = CollectScript.class.getResourceAsStream("collect.ps1")) {
            if (in == null) {
                throw new CutoverException(ErrorCode.INTERNAL, "collect.ps1 is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot read collect.ps1: " + e.getMessage(), e);
        }
    }
}
