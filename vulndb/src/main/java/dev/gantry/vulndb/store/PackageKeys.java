package dev.gantry.vulndb.store;

import dev.gantry.vulndb.version.VersionSchemes;
import java.util.Locale;

/** The form a package name is looked up by: PyPI's PEP 503 normal form, else the name as written. */
final class PackageKeys {
    private PackageKeys() {
    }

    static String of(String ecosystem, String name) {
        if (VersionSchemes.base(ecosystem).equals("PyPI")) {
            return name.strip().replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
        }
        return name.strip();
    }
}
