package dev.gantry.plugin.scan.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A well-known secret pattern. {@code group} is the capture group holding the secret itself (0: the whole
 * match); only that is masked and reported.
 */
record SecretRule(String id, String severity, String title, Pattern pattern, int group) {
    static SecretRule of(String id, String severity, String title, String regex) {
        return new SecretRule(id, severity, title, Pattern.compile(regex), 0);
    }

    static SecretRule of(String id, String severity, String title, String regex, int group) {
        return new SecretRule(id, severity, title, Pattern.compile(regex), group);
    }

    /** Patterns from the providers' documented token formats. */
    static final List<SecretRule> ALL = List.of(
            of("private-key", "HIGH", "Private key",
                    "-----BEGIN[ A-Z0-9]{0,30} PRIVATE KEY(?: BLOCK)?-----"),
            of("aws-access-key-id", "CRITICAL", "AWS access key ID",
                    "\\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b", 1),
            of("aws-secret-access-key", "CRITICAL", "AWS secret access key",
                    "(?i)aws_?secret_?(?:access_?)?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", 1),
            of("github-token", "CRITICAL", "GitHub token", "\\b(gh[pousr]_[A-Za-z0-9]{36,255})\\b", 1),
            of("github-fine-grained-token", "CRITICAL", "GitHub fine-grained token",
                    "\\b(github_pat_[A-Za-z0-9_]{82})\\b", 1),
            of("gitlab-token", "CRITICAL", "GitLab personal access token", "\\b(glpat-[A-Za-z0-9_-]{20})\\b", 1),
            of("slack-token", "HIGH", "Slack token", "\\b(xox[baprs]-[0-9A-Za-z-]{10,250})", 1),
            of("slack-webhook", "MEDIUM", "Slack webhook URL",
                    "(https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})", 1),
            of("google-api-key", "HIGH", "Google API key", "\\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])", 1),
            of("stripe-secret-key", "CRITICAL", "Stripe secret key", "\\b((?:sk|rk)_live_[0-9a-zA-Z]{24,99})\\b", 1),
            of("npm-token", "CRITICAL", "npm access token", "\\b(npm_[A-Za-z0-9]{36})\\b", 1),
            of("pypi-token", "CRITICAL", "PyPI upload token", "\\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", 1),
            of("docker-hub-token", "CRITICAL", "Docker Hub personal access token", "\\b(dckr_pat_[A-Za-z0-9_-]{27})", 1));

    /** A {@code KEY=value} line of a {@code .env} file whose key names a secret. */
    static final SecretRule DOTENV = of("dotenv-secret", "MEDIUM", "Secret in a .env file",
            "^\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*(?i:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)"
                    + "[A-Za-z0-9_]*\\s*=\\s*[\"']?([^\"'\\s#]{4,})", 1);
}
